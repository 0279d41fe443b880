using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Testing;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Updating;

namespace UpdateServer.EndToEnd.Tests.InProcess;

/// <summary>
/// Downloads over a network that breaks: a transfer cut at random offsets resumes with HTTP Range from the bytes kept
/// and installs exactly the signed bytes; a server that sends extra bytes, wrong bytes, or stalls is refused and
/// nothing is installed. The misbehaving network is a real Kestrel server in front of the real server.
/// </summary>
public sealed class ResumableDownloadTests
{
    private const string Product = "acme.culture-platform";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ADownloadCutAtRandomOffsetsResumesAndInstallsTheSignedBytes(int seed)
    {
        await using var origin = new UpdateServerFactory();
        var package = await PublishAsync(origin);
        var random = new Random(seed);
        var cuts = new Queue<int>(Enumerable.Range(0, 3).Select(_ => random.Next(1, package.Length / 4)));
        var ranges = new ConcurrentQueue<string>();
        var expectedStarts = new List<long> { 0 };
        await using var network = await AttackerServer.StartAsync(origin.BaseAddress, async (context, fetch) =>
        {
            if (!IsTarget(context))
            {
                return false;
            }

            ranges.Enqueue(context.Request.Headers.Range.ToString());
            if (!cuts.TryDequeue(out var cut))
            {
                return false;
            }

            var answer = await fetch();
            answer.WriteHeadersTo(context.Response);
            context.Response.ContentLength = answer.Body.Length;
            await context.Response.Body.WriteAsync(answer.Body.AsMemory(0, cut), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            expectedStarts.Add(expectedStarts[^1] + cut);

            // Aborting drops bytes still queued for the socket; let the flushed ones reach the client first.
            await Task.Delay(100, context.RequestAborted);
            context.Abort();
            return true;
        });
        using var machine = Machine(origin, network, attempts: 5);

        var (_, results) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.True(Assert.Single(results).Succeeded, results[0].Error);
        await InstalledTree.AssertMatchesPackageAsync(package, Path.Combine(machine.InstallRoot, Product, "current"));
        Assert.Equal(expectedStarts.Select(s => s == 0 ? string.Empty : $"bytes={s}-"), ranges);
        Assert.Empty(Directory.GetFiles(machine.Settings.DownloadDirectory));
    }

    [Theory]
    [InlineData("extra bytes", "length-exceeded")]
    [InlineData("wrong bytes", "hash-mismatch")]
    [InlineData("stalls", "download-failed")]
    public async Task AServerThatMisbehavesIsRefusedAndNothingIsInstalled(string misbehaviour, string errorCode)
    {
        await using var origin = new UpdateServerFactory();
        await PublishAsync(origin);
        await using var network = await AttackerServer.StartAsync(origin.BaseAddress, async (context, fetch) =>
        {
            if (!IsTarget(context))
            {
                return false;
            }

            var answer = await fetch();
            switch (misbehaviour)
            {
                case "extra bytes":
                    await answer.WriteToAsync(context.Response, [.. answer.Body, .. new byte[4096]]);
                    break;
                case "wrong bytes":
                    var wrong = answer.Body.ToArray();
                    wrong[wrong.Length / 2] ^= 0x40;
                    await answer.WriteToAsync(context.Response, wrong);
                    break;
                default:
                    answer.WriteHeadersTo(context.Response);
                    context.Response.ContentLength = answer.Body.Length;
                    await context.Response.Body.WriteAsync(answer.Body.AsMemory(0, answer.Body.Length / 2), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    break;
            }

            return true;
        });
        using var machine = Machine(origin, network, attempts: 2);

        var (_, results) = await machine.Runner.ApplyAsync(null, Ct);

        var result = Assert.Single(results);
        Assert.Equal(ApplyOutcomes.Failed, result.Outcome);
        Assert.Equal(errorCode, result.ErrorCode);
        Assert.Null(CurrentLink.Read(Path.Combine(machine.InstallRoot, Product)));
        Assert.Empty(machine.Runner.LoadState().Products);
        Assert.False(File.Exists(Path.Combine(machine.Settings.DataDirectory, "journal.json")));

        // Refused bytes are never resumed: only a cut (the stall) keeps what arrived.
        Assert.True(misbehaviour == "stalls" == (Directory.GetFiles(machine.Settings.DownloadDirectory, "*.partial").Length == 1),
            result.Error + string.Join(",", Directory.GetFiles(machine.Settings.DownloadDirectory).Select(f => $"{f} {new FileInfo(f).Length}")));
    }

    private static bool IsTarget(HttpContext context) => context.Request.Path.StartsWithSegments("/tuf/targets", StringComparison.Ordinal);

    private static InProcessUpdater Machine(UpdateServerFactory origin, AttackerServer network, int attempts) =>
        new(origin.BaseAddress, origin.Repository.RootBytes, origin.Clock.GetUtcNow(), settings => settings with
        {
            Mirrors = [network.Url],
            DownloadAttempts = attempts,
            RetryDelay = TimeSpan.Zero, // the machine's clock is fake; back-off itself is tested on its own
            Transport = new TransportLimits { StallTimeout = TimeSpan.FromMilliseconds(500), RequestTimeout = TimeSpan.FromSeconds(10) },
        }, Product);

    /// <summary>Publishes 1.0.0 with a payload of incompressible bytes, large enough for cuts in the middle.</summary>
    private static async Task<byte[]> PublishAsync(UpdateServerFactory origin)
    {
        var publication = new Publication("acme", origin.Repository.AcmeKey, origin.Clock.GetUtcNow());
        var noise = new byte[300_000];
        new Random(7).NextBytes(noise);
        var package = await publication.AddPackageAsync(Product, "1.0.0", editSource: folder => File.WriteAllBytes(Path.Combine(folder, "payload", "noise.bin"), noise));
        await origin.PublishAsAcmeAsync(publication, TestContext.Current.CancellationToken);
        return package;
    }
}
