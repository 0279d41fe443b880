using System.Text;
using Microsoft.AspNetCore.Http;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Testing;

namespace UpdateServer.EndToEnd.Tests.InProcess;

/// <summary>
/// For each attack of the TUF specification's goals section, how a hostile server (or network) plays it against
/// a machine, given a genuine repository where <c>acme.culture-platform</c> 1.0.0 is published.
/// </summary>
internal static class AttackScenarios
{
    public const string Product = "acme.culture-platform";

    public static async Task<AttackerServer.AttackPlan> PrepareAsync(AttackKind attack, UpdateServerFactory origin, HttpClient originHttp)
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = origin.Repository;
        switch (attack)
        {
            case AttackKind.ArbitraryInstallation:
                // Other bytes of the same length in place of the signed package.
                return Rewrite(path => path.StartsWith("/tuf/targets/", StringComparison.Ordinal), body => body.Select(b => (byte)~b).ToArray());

            case AttackKind.EndlessData:
                return async (context, _) =>
                {
                    if (!context.Request.Path.Value!.EndsWith("/timestamp.json", StringComparison.Ordinal))
                    {
                        return false;
                    }

                    var chunk = new byte[64 * 1024];
                    for (var i = 0; i < 4096 && !context.RequestAborted.IsCancellationRequested; i++)
                    {
                        await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    }

                    return true;
                };

            case AttackKind.ExtraneousDependencies:
                // The machine manages only the platform; the advice slips in another product as a "dependency".
                await PublishAsync(origin, originHttp, "acme.remote-admin", "1.0.0");
                return Rewrite(IsCheck, _ => Advice(("acme.remote-admin", "1.0.0", "acme/acme.remote-admin-1.0.0.upkg")));

            case AttackKind.FastForward:
            {
                // A snapshot signed with the genuine key but numbered ahead (and as long as the listed one), served as the current one.
                var timestamp = Metadata.FromBytes<TimestampMetadata>(await originHttp.GetByteArrayAsync("/tuf/metadata/timestamp.json", ct));
                var snapshot = Metadata.FromBytes<SnapshotMetadata>(
                    await originHttp.GetByteArrayAsync($"/tuf/metadata/{timestamp.Signed.SnapshotMeta.Version}.snapshot.json", ct));
                var ahead = Metadata.Create(snapshot.Signed with { Version = 9 }).Sign(repository.SnapshotKey).ToBytes();
                return Replace(path => path.EndsWith(".snapshot.json", StringComparison.Ordinal), ahead);
            }

            case AttackKind.IndefiniteFreeze:
            {
                // Yesterday's genuine timestamp, replayed after it expired (the machine's clock is moved on below).
                var stale = await originHttp.GetByteArrayAsync("/tuf/metadata/timestamp.json", ct);
                return Replace(path => path.EndsWith("/timestamp.json", StringComparison.Ordinal), stale);
            }

            case AttackKind.MaliciousMirrors:
                // A mirror serving metadata signed by keys of its own.
                return Rewrite(path => path.EndsWith("/timestamp.json", StringComparison.Ordinal), body =>
                    Metadata.Create(Metadata.FromBytes<TimestampMetadata>(body).Signed).Sign(SigningKey.Generate()).ToBytes());

            case AttackKind.MixAndMatch:
                // The current snapshot number with other contents: metadata that never existed together.
                return Rewrite(path => path.EndsWith(".snapshot.json", StringComparison.Ordinal), body =>
                {
                    var text = Encoding.UTF8.GetString(body);
                    var at = text.IndexOf("\"sig\":\"", StringComparison.Ordinal) + 7;
                    return Encoding.UTF8.GetBytes(text[..at] + (text[at] == 'a' ? 'b' : 'a') + text[(at + 1)..]);
                });

            case AttackKind.Rollback:
            {
                // A genuine timestamp older than the one the machine trusts (the machine refreshes before this is armed).
                var old = await originHttp.GetByteArrayAsync("/tuf/metadata/timestamp.json", ct);
                await PublishAsync(origin, originHttp, "acme.other", "1.0.0");
                return Replace(path => path.EndsWith("/timestamp.json", StringComparison.Ordinal), old);
            }

            case AttackKind.SlowRetrieval:
                return async (context, fetchOrigin) =>
                {
                    if (!context.Request.Path.StartsWithSegments("/tuf/targets", StringComparison.Ordinal))
                    {
                        return false;
                    }

                    var body = (await fetchOrigin()).Body;
                    foreach (var b in body)
                    {
                        await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(100, context.RequestAborted);
                    }

                    return true;
                };

            case AttackKind.KeyCompromise:
            {
                // One of the two targets keys, plus the online keys, sign a targets file listing a hostile target.
                var hostile = await Publication.BuildPackageAsync(Product, "6.6.6");
                var facts = new Packaging.Catalog.ReleaseFacts { Product = Product, Version = Packaging.Versions.StrictVersion.Parse("6.6.6"), Kind = "platform" };
                var targets = Metadata.FromBytes<TargetsMetadata>(await originHttp.GetByteArrayAsync("/tuf/metadata/targets.json", ct));
                var forged = Metadata.Create(targets.Signed with
                {
                    Version = targets.Signed.Version + 1,
                    Targets = new Dictionary<string, TargetFile>
                    {
                        [$"acme/{Product}-6.6.6.upkg"] = new(hostile.Length, new Dictionary<string, string> { ["sha256"] = FileHashes.Sha256Hex(hostile) }, facts.ToCustom()),
                    },
                }).Sign(repository.TargetsKey).ToBytes();
                return await ForgeChainAsync(origin, originHttp, forged, hostile, $"acme/{Product}-6.6.6.upkg");
            }

            case AttackKind.WrongSoftwareInstallation:
                // The advice for the platform points at another product's genuinely signed package.
                await PublishAsync(origin, originHttp, "acme.kiosk-game", "7.0.0");
                return Rewrite(IsCheck, _ => Advice((Product, "7.0.0", "acme/acme.kiosk-game-7.0.0.upkg")));

            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, "No scenario.");
        }
    }

    /// <summary>Serves a forged top-level targets file with a snapshot and timestamp re-signed by the (stolen) online keys.</summary>
    private static async Task<AttackerServer.AttackPlan> ForgeChainAsync(UpdateServerFactory origin, HttpClient originHttp, byte[] targets,
        byte[] hostile, string hostilePath)
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = origin.Repository;
        var timestamp = Metadata.FromBytes<TimestampMetadata>(await originHttp.GetByteArrayAsync("/tuf/metadata/timestamp.json", ct));
        var snapshot = Metadata.FromBytes<SnapshotMetadata>(
            await originHttp.GetByteArrayAsync($"/tuf/metadata/{timestamp.Signed.SnapshotMeta.Version}.snapshot.json", ct));
        var targetsVersion = Metadata.FromBytes<TargetsMetadata>(targets).Signed.Version;
        var meta = new Dictionary<string, MetaFile>(snapshot.Signed.Meta) { ["targets.json"] = MetaFile.Describe(targetsVersion, targets) };
        var forgedSnapshot = Metadata.Create(snapshot.Signed with { Version = snapshot.Signed.Version + 1, Meta = meta }).Sign(repository.SnapshotKey).ToBytes();
        var forgedTimestamp = Metadata.Create(timestamp.Signed with
        {
            Version = timestamp.Signed.Version + 1,
            SnapshotMeta = MetaFile.Describe(snapshot.Signed.Version + 1, forgedSnapshot),
        }).Sign(repository.TimestampKey).ToBytes();
        var files = new Dictionary<string, byte[]>
        {
            ["/tuf/metadata/timestamp.json"] = forgedTimestamp,
            [$"/tuf/metadata/{snapshot.Signed.Version + 1}.snapshot.json"] = forgedSnapshot,
            [$"/tuf/metadata/{targetsVersion}.targets.json"] = targets,
            [$"/tuf/targets/acme/{FileHashes.Sha256Hex(hostile)}.{hostilePath["acme/".Length..]}"] = hostile,
            ["/api/v1/check"] = Advice((Product, "6.6.6", hostilePath)),
        };
        return async (context, _) =>
        {
            if (!files.TryGetValue(context.Request.Path.Value!, out var body))
            {
                return false;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            return true;
        };
    }

    private static bool IsCheck(string path) => path.EndsWith("/api/v1/check", StringComparison.Ordinal);

    private static AttackerServer.AttackPlan Rewrite(Func<string, bool> matches, Func<byte[], byte[]> twist) => async (context, fetchOrigin) =>
    {
        if (!matches(context.Request.Path.Value!))
        {
            return false;
        }

        var origin = await fetchOrigin();
        await origin.WriteToAsync(context.Response, origin.Status == StatusCodes.Status200OK ? twist(origin.Body) : origin.Body);
        return true;
    };

    private static AttackerServer.AttackPlan Replace(Func<string, bool> matches, byte[] body) => Rewrite(matches, _ => body);

    public static async Task PublishAsync(UpdateServerFactory origin, HttpClient http, string product, string version)
    {
        var publication = new Publication("acme", origin.Repository.AcmeKey, origin.Clock.GetUtcNow())
        {
            Version = await NextVendorVersionAsync(http),
        };
        publication.AddExisting(await CurrentVendorTargetsAsync(http));
        await publication.AddPackageAsync(product, version);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = publication.Content() };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", origin.Repository.AcmeApiKey);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<long> NextVendorVersionAsync(HttpClient http) =>
        (await CurrentVendorAsync(http))?.Signed.Version + 1 ?? 1;

    private static async Task<IReadOnlyDictionary<string, TargetFile>> CurrentVendorTargetsAsync(HttpClient http) =>
        (await CurrentVendorAsync(http))?.Signed.Targets ?? new Dictionary<string, TargetFile>();

    private static async Task<Metadata<TargetsMetadata>?> CurrentVendorAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/tuf/metadata/acme.json", TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode
            ? Metadata.FromBytes<TargetsMetadata>(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))
            : null;
    }

    private static byte[] Advice(params (string Product, string Version, string TargetPath)[] steps) => ForgedAdvice.Steps(steps);
}
