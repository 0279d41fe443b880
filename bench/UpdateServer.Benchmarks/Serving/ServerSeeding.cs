using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Benchmarks.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Data;
using UpdateServer.Server.Hosting;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Storage;

namespace UpdateServer.Benchmarks.Serving;

/// <summary>
/// Fills a server's data folder for the load benchmark (<c>bench/run.sh</c>): the repository folder is imported as the
/// server does at start, then the vendor <c>acme</c> gets version 1 of its metadata, signed with its key, listing the
/// <see cref="LargeCatalog"/> (10,000 releases) and one large target whose bytes go into the blob store. Written straight
/// into the database through the server's own services — the publish path is not what is measured, and 10,000 packages
/// would take long to build — so the server then starts on a repository as a publish would have left it.
/// </summary>
public static class ServerSeeding
{
    public static async Task<string> SeedAsync(string dataDirectory, string repositoryDirectory, string vendorKeyFile, string largeTargetFile)
    {
        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Repository:Directory"] = repositoryDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddUpdateServer();
        await using var app = builder.Build();
        var services = app.Services;
        await services.GetRequiredService<RepositoryBootstrapper>().InitializeAsync(CancellationToken.None);

        var now = TimeProvider.System.GetUtcNow();
        var large = await StoreLargeTargetAsync(services.GetRequiredService<IBlobStore>(), largeTargetFile);
        var releases = LargeCatalog.Records().Append(large).ToList();
        var targets = releases.ToDictionary(r => r.TargetPath, r => new TargetFile(r.Length,
            new Dictionary<string, string> { [FileHashes.Sha256] = r.Sha256 }, System.Text.Json.Nodes.JsonNode.Parse(r.CustomJson)!.AsObject()));
        var vendorKey = SigningKey.FromPem(await File.ReadAllTextAsync(vendorKeyFile));
        var metadata = Metadata.Create(new TargetsMetadata { Version = 1, Expires = now.AddYears(1), Targets = targets }).Sign(vendorKey);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
        await using var transaction = await services.GetRequiredService<RepositoryChanges>().BeginAsync(db, CancellationToken.None);
        db.Metadata.Add(metadata.ToRecord("acme", now));
        foreach (var release in releases)
        {
            release.MetadataVersion = 1;
            release.PublishedAt = now;
            db.Releases.Add(release);
        }

        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<OnlineSigner>().SignSnapshotAndTimestampAsync(transaction, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return $"tuf/targets/acme/{large.Sha256}.{Path.GetFileName(large.TargetPath)}";
    }

    private static async Task<ReleaseRecord> StoreLargeTargetAsync(IBlobStore blobs, string file)
    {
        string sha256;
        await using (var read = File.OpenRead(file))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(read));
        }

        await using (var read = File.OpenRead(file))
        {
            await blobs.PutAsync(BlobKeys.ForTarget(sha256), read, CancellationToken.None);
        }

        var facts = new Packaging.Catalog.ReleaseFacts
        {
            Product = "acme.large",
            Version = NuGet.Versioning.NuGetVersion.Parse("1.0.0"),
            Kind = Packaging.Catalog.ProductKinds.Platform,
        };
        return new ReleaseRecord
        {
            Vendor = "acme", TargetPath = "acme/acme.large-1.0.0.upkg", Product = facts.Product, Version = "1.0.0", Kind = facts.Kind,
            Channel = facts.Channel, State = facts.State, Length = new FileInfo(file).Length, Sha256 = sha256, CustomJson = facts.ToCustom().ToJsonString(),
        };
    }
}
