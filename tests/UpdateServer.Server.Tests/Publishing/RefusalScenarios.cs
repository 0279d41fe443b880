using System.Security.Cryptography;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>One bad publish request per scenario name, for the refusal table in <see cref="PublishTests"/>.</summary>
internal static class RefusalScenarios
{
    private const string Product = "acme.culture-platform";

    public static async Task<(string Vendor, string? ApiKey, HttpContent Content)> BuildAsync(string scenario, UpdateServerFactory server)
    {
        var repository = server.Repository;
        var now = server.Clock.GetUtcNow();
        var publication = new Publication("acme", repository.AcmeKey, now);
        var apiKey = (string?)repository.AcmeApiKey;
        var vendor = "acme";
        byte[]? metadata = null;

        switch (scenario)
        {
            case "missing api key":
                await publication.AddPackageAsync(Product, "1.0.0");
                apiKey = null;
                break;
            case "wrong api key":
                await publication.AddPackageAsync(Product, "1.0.0");
                apiKey = "usk_not-a-real-key";
                break;
            case "other vendor's api key":
                await publication.AddPackageAsync(Product, "1.0.0");
                apiKey = repository.GlobexApiKey;
                break;
            case "signed by the wrong key":
                await publication.AddPackageAsync(Product, "1.0.0");
                metadata = publication.SignedMetadata(SigningKey.Generate());
                break;
            case "signed by another vendor's key":
                await publication.AddPackageAsync(Product, "1.0.0");
                metadata = publication.SignedMetadata(repository.GlobexKey);
                break;
            case "path outside namespace":
                await publication.AddPackageAsync(Product, "1.0.0", path: "globex/acme.culture-platform-1.0.0.upkg");
                break;
            case "path in a subfolder":
                await publication.AddPackageAsync(Product, "1.0.0", path: "acme/sub/acme.culture-platform-1.0.0.upkg");
                break;
            case "product outside namespace":
                await publication.AddPackageAsync("globex.tool", "1.0.0", path: "acme/globex.tool-1.0.0.upkg");
                break;
            case "one changed byte in the package":
                var package = await publication.AddPackageAsync(Product, "1.0.0");
                var changed = (byte[])package.Clone();
                changed[changed.Length / 2] ^= 0x01;
                publication.ReplaceLastUpload(changed);
                break;
            case "package not sent":
                await publication.AddPackageAsync(Product, "1.0.0");
                publication.ClearUploads();
                break;
            case "version skips ahead":
                await publication.AddPackageAsync(Product, "1.0.0");
                publication.Version = 3;
                break;
            case "expired metadata":
                await publication.AddPackageAsync(Product, "1.0.0");
                publication.Expires = now.AddMinutes(-1);
                break;
            case "malformed metadata json":
                await publication.AddPackageAsync(Product, "1.0.0");
                metadata = "{\"signed\": {\"_type\": \"targets\","u8.ToArray();
                break;
            case "facts disagree with manifest":
                var other = await Publication.BuildPackageAsync(Product, "1.0.1");
                publication.AddRawPackage($"acme/{Product}-1.0.0.upkg", Product, "1.0.0", other);
                break;
            case "malformed manifest json":
                publication.AddRawPackage($"acme/{Product}-1.0.0.upkg", Product, "1.0.0",
                    HandCraftedArchive.Create(("manifest.json", HandCraftedArchive.Text("{\"product\": \"acme.culture-platform\", "))));
                break;
            case "archive with parent traversal":
                publication.AddRawPackage($"acme/{Product}-1.0.0.upkg", Product, "1.0.0", HandCraftedArchive.Create(
                    ("manifest.json", Manifest(("payload/a.txt", "a"))),
                    ("payload/a.txt", HandCraftedArchive.Text("a")),
                    ("payload/../../evil.sh", HandCraftedArchive.Text("echo owned"))));
                break;
            case "archive with absolute path":
                publication.AddRawPackage($"acme/{Product}-1.0.0.upkg", Product, "1.0.0", HandCraftedArchive.Create(
                    ("manifest.json", Manifest(("payload/a.txt", "a"))),
                    ("payload/a.txt", HandCraftedArchive.Text("a")),
                    ("/etc/evil.conf", HandCraftedArchive.Text("owned"))));
                break;
            case "not an archive":
                publication.AddRawPackage($"acme/{Product}-1.0.0.upkg", Product, "1.0.0", HandCraftedArchive.Text("just some text, not gzip"));
                break;
            case "unknown vendor route":
                await publication.AddPackageAsync(Product, "1.0.0");
                vendor = "initech";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "No such scenario.");
        }

        return (vendor, apiKey, publication.Content(metadata));
    }

    /// <summary>A valid manifest for acme.culture-platform 1.0.0 listing the given files.</summary>
    private static byte[] Manifest(params (string Path, string Content)[] files)
    {
        var list = new JsonArray();
        foreach (var (path, content) in files)
        {
            var bytes = HandCraftedArchive.Text(content);
            list.Add(new JsonObject
            {
                ["path"] = path,
                ["type"] = "file",
                ["size"] = bytes.Length,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                ["executable"] = false,
            });
        }

        return HandCraftedArchive.Text(new JsonObject
        {
            ["formatVersion"] = 1,
            ["product"] = Product,
            ["version"] = "1.0.0",
            ["kind"] = "platform",
            ["files"] = list,
        }.ToJsonString());
    }
}
