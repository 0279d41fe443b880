using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Testing;
using UpdateServer.Updater.Installing;

namespace UpdateServer.EndToEnd.Tests.InProcess;

/// <summary>
/// One row per attack the TUF specification's goals name. Each is played by a real HTTP server standing between
/// the updater and the genuine server; each must end with nothing installed and an error naming the attack.
/// </summary>
public sealed class AttackTableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<AttackKind> Attacks =>
    [
        AttackKind.ArbitraryInstallation,
        AttackKind.EndlessData,
        AttackKind.ExtraneousDependencies,
        AttackKind.FastForward,
        AttackKind.IndefiniteFreeze,
        AttackKind.MaliciousMirrors,
        AttackKind.MixAndMatch,
        AttackKind.Rollback,
        AttackKind.SlowRetrieval,
        AttackKind.KeyCompromise,
        AttackKind.WrongSoftwareInstallation,
    ];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task RefusesTheAttackInstallsNothingAndNamesIt(AttackKind attack)
    {
        await using var origin = new UpdateServerFactory();
        using var originHttp = new HttpClient { BaseAddress = origin.BaseAddress };
        await AttackScenarios.PublishAsync(origin, originHttp, AttackScenarios.Product, "1.0.0");
        var armed = false;
        var plan = await AttackScenarios.PrepareAsync(attack, origin, originHttp);
        await using var attacker = await AttackerServer.StartAsync(origin.BaseAddress, (context, fetch) => armed ? plan(context, fetch) : Task.FromResult(false));
        var mirrors = attack == AttackKind.MaliciousMirrors ? new[] { attacker.Url, attacker.Url } : [attacker.Url];
        using var machine = new InProcessUpdater(attacker.Url, origin.Repository.RootBytes, origin.Clock.GetUtcNow(), settings => settings with
        {
            Mirrors = mirrors,
            Transport = new TransportLimits
            {
                RequestTimeout = TimeSpan.FromSeconds(5),
                StallTimeout = TimeSpan.FromSeconds(2),
                MinimumBytesPerSecond = 1000,
                RateGracePeriod = TimeSpan.FromMilliseconds(500),
            },
        }, AttackScenarios.Product);
        if (attack == AttackKind.Rollback)
        {
            // The machine first trusts the newest timestamp; the attacker then serves an older one.
            await machine.Runner.CheckAsync(Ct);
        }

        if (attack == AttackKind.IndefiniteFreeze)
        {
            machine.Clock.Advance(TimeSpan.FromDays(2));
        }

        armed = true;
        var outcome = await RunAsync(machine);

        Assert.Contains(AttackNames.Describe(attack), outcome, StringComparison.Ordinal);
        Assert.Null(CurrentLink.Read(Path.Combine(machine.InstallRoot, AttackScenarios.Product)));
        Assert.Empty(machine.Runner.LoadState().Products);
    }

    [Fact]
    public async Task AGoodMirrorDeliversWhatAMaliciousOneWithholds()
    {
        await using var origin = new UpdateServerFactory();
        using var originHttp = new HttpClient { BaseAddress = origin.BaseAddress };
        await AttackScenarios.PublishAsync(origin, originHttp, AttackScenarios.Product, "1.0.0");
        var plan = await AttackScenarios.PrepareAsync(AttackKind.ArbitraryInstallation, origin, originHttp);
        await using var attacker = await AttackerServer.StartAsync(origin.BaseAddress, plan);
        using var machine = new InProcessUpdater(origin.BaseAddress, origin.Repository.RootBytes, origin.Clock.GetUtcNow(),
            settings => settings with { Mirrors = [attacker.Url, origin.BaseAddress] }, AttackScenarios.Product);

        var (_, results) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.True(Assert.Single(results).Succeeded, results[0].Error);
        Assert.Equal("1.0.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, AttackScenarios.Product)));
    }

    /// <summary>Everything the updater said: the refusal that stopped it, refused advice, failed installs.</summary>
    private static async Task<string> RunAsync(InProcessUpdater machine)
    {
        try
        {
            var (check, results) = await machine.Runner.ApplyAsync(null, Ct);
            return string.Join("\n", check.Refused.Select(r => r.Reason).Concat(results.Where(r => !r.Succeeded).Select(r => r.Error!)));
        }
        catch (TufException e)
        {
            return e.Message;
        }
    }
}
