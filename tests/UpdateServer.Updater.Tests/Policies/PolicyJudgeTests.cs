using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Versions;
using UpdateServer.Updater.Policies;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Tests.Policies;

public sealed class PolicyJudgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly MaintenanceWindow Night = new(Enum.GetValues<DayOfWeek>().ToHashSet(), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeZoneInfo.Utc);
    private static readonly MaintenanceWindow Noon = new(Enum.GetValues<DayOfWeek>().ToHashSet(), TimeSpan.FromHours(11), TimeSpan.FromHours(13), TimeZoneInfo.Utc);

    public static TheoryData<string, string, int, bool, int, PolicyAction> Cases => new()
    {
        { PolicyModes.Auto, "none", 0, false, 0, PolicyAction.Install },
        { PolicyModes.Auto, "noon", 0, false, 0, PolicyAction.Install },
        { PolicyModes.Auto, "night", 0, false, 0, PolicyAction.DownloadOnly },
        { PolicyModes.DownloadOnly, "noon", 0, false, 0, PolicyAction.DownloadOnly },
        { PolicyModes.Notify, "noon", 0, false, 0, PolicyAction.Notify },
        { PolicyModes.Auto, "none", 7, false, 3, PolicyAction.Defer },
        { PolicyModes.Auto, "none", 7, false, 7, PolicyAction.Install },
        { PolicyModes.Auto, "none", 7, true, 0, PolicyAction.Install },
        { PolicyModes.Notify, "none", 7, false, 0, PolicyAction.Notify },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecidesByModeDeferralAndWindow(string mode, string window, int deferDays, bool mandatory, int seenDaysAgo, PolicyAction expected)
    {
        var policy = new UpdatePolicy(mode, window switch { "night" => Night, "noon" => Noon, _ => null }, TimeSpan.FromDays(deferDays));

        var decision = new PolicyJudge(policy).Decide(Update(mandatory), Now.AddDays(-seenDaysAgo), Now, downloadOnlyRequested: false);

        Assert.Equal(expected, decision.Action);
    }

    [Fact]
    public void DownloadOnlyOnTheCommandLineNeverInstalls() =>
        Assert.Equal(PolicyAction.DownloadOnly, new PolicyJudge(UpdatePolicy.Default).Decide(Update(true), Now, Now, downloadOnlyRequested: true).Action);

    private static TrustedUpdate Update(bool mandatory)
    {
        var facts = new ReleaseFacts { Product = "acme.a", Version = StrictVersion.Parse("2.0.0"), Kind = ProductKinds.Platform, Mandatory = mandatory };
        return new TrustedUpdate("1.0.0", "acme/acme.a-2.0.0.upkg",
            new TargetFile(10, new Dictionary<string, string> { ["sha256"] = new string('a', 64) }, facts.ToCustom()), facts, "newer");
    }
}
