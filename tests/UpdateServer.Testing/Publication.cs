using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Packaging.Versions;

namespace UpdateServer.Testing;

/// <summary>Builds what a vendor uploads: a package, its target entry, and the vendor's signed metadata.</summary>
public sealed class Publication(string vendor, SigningKey key, DateTimeOffset now)
{
    private readonly Dictionary<string, TargetFile> _targets = new(StringComparer.Ordinal);
    private readonly List<(string Name, byte[] Bytes)> _packages = [];

    public long Version { get; set; } = 1;

    public DateTimeOffset Expires { get; set; } = now.AddDays(90);

    public IReadOnlyDictionary<string, TargetFile> Targets => _targets;

    /// <summary>Builds a package of <paramref name="product"/> <paramref name="version"/> and lists it as a target.</summary>
    public async Task<byte[]> AddPackageAsync(string product, string version, string? path = null, string channel = "stable",
        Action<string>? editSource = null)
    {
        var bytes = await BuildPackageAsync(product, version, editSource);
        var targetPath = path ?? $"{vendor}/{product}-{version}.upkg";
        var facts = new ReleaseFacts { Product = product, Version = StrictVersion.Parse(version), Kind = ProductKinds.Platform, Channel = channel };
        _targets[targetPath] = new TargetFile(bytes.Length,
            new Dictionary<string, string> { [FileHashes.Sha256] = FileHashes.Sha256Hex(bytes) }, facts.ToCustom());
        _packages.Add(($"{product}-{version}.upkg", bytes));
        return bytes;
    }

    /// <summary>
    /// Builds a package whose manifest states <paramref name="facts"/>' kind and applicability, with the given hooks
    /// (JSON hook name such as <c>healthCheck</c> → shell script body), and lists it with the facts signed.
    /// </summary>
    public async Task<byte[]> AddReleaseAsync(ReleaseFacts facts, IReadOnlyDictionary<string, string>? hooks = null)
    {
        var version = facts.Version.ToFullString();
        var bytes = await BuildPackageAsync(facts.Product, version, folder => WriteReleaseSource(folder, facts, hooks));
        _targets[$"{vendor}/{facts.Product}-{version}.upkg"] = new TargetFile(bytes.Length,
            new Dictionary<string, string> { [FileHashes.Sha256] = FileHashes.Sha256Hex(bytes) }, facts.ToCustom());
        _packages.Add(($"{facts.Product}-{version}.upkg", bytes));
        return bytes;
    }

    /// <summary>Lists <paramref name="bytes"/> (any bytes, well-formed or not) as the package of a target and uploads them.</summary>
    public void AddRawPackage(string path, string product, string version, byte[] bytes)
    {
        var facts = new ReleaseFacts { Product = product, Version = StrictVersion.Parse(version), Kind = ProductKinds.Platform };
        _targets[path] = new TargetFile(bytes.Length,
            new Dictionary<string, string> { [FileHashes.Sha256] = FileHashes.Sha256Hex(bytes) }, facts.ToCustom());
        _packages.Add((Path.GetFileName(path), bytes));
    }

    /// <summary>Lists <paramref name="bytes"/> as revision <paramref name="facts"/> of a bulletin (at its canonical path unless given) and uploads them.</summary>
    public void AddBulletin(BulletinFacts facts, byte[] bytes, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        _targets[path ?? facts.TargetPath(vendor)] = new TargetFile(bytes.Length,
            new Dictionary<string, string> { [FileHashes.Sha256] = FileHashes.Sha256Hex(bytes) }, facts.ToCustom());
        _packages.Add((Path.GetFileName(path ?? facts.TargetPath(vendor)), bytes));
    }

    /// <summary>Lists and uploads a valid bulletin document.</summary>
    public byte[] AddBulletin(Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var bytes = BulletinJson.Write(bulletin);
        AddBulletin(new BulletinFacts(bulletin.Id, bulletin.Revision), bytes);
        return bytes;
    }

    /// <summary>Keeps targets an earlier publish listed (their packages are on the server already).</summary>
    public void AddExisting(IReadOnlyDictionary<string, TargetFile> targets)
    {
        foreach (var (path, target) in targets)
        {
            _targets[path] = target;
        }
    }

    /// <summary>Stops listing <paramref name="path"/>.</summary>
    public void RemoveTarget(string path) => _targets.Remove(path);

    /// <summary>Lists a target without sending its package (already published, or deliberately missing).</summary>
    public void AddTarget(string path, TargetFile target) => _targets[path] = target;

    /// <summary>Replaces the bytes that will be uploaded for the last package, after its target was signed.</summary>
    public void ReplaceLastUpload(byte[] bytes) => _packages[^1] = (_packages[^1].Name, bytes);

    public void ClearUploads() => _packages.Clear();

    public byte[] SignedMetadata(SigningKey? signer = null) =>
        Metadata.Create(new TargetsMetadata { Version = Version, Expires = Expires, Targets = new Dictionary<string, TargetFile>(_targets) })
            .Sign(signer ?? key).ToBytes();

    /// <summary>The multipart body the publish endpoint expects.</summary>
    public MultipartFormDataContent Content(byte[]? metadata = null)
    {
        var content = new MultipartFormDataContent();
        var metadataPart = new ByteArrayContent(metadata ?? SignedMetadata());
        metadataPart.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(metadataPart, "metadata", $"{vendor}.json");
        foreach (var (name, bytes) in _packages)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "package", name);
        }

        return content;
    }

    private static void WriteReleaseSource(string folder, ReleaseFacts facts, IReadOnlyDictionary<string, string>? hooks)
    {
        var manifest = new JsonObject
        {
            ["product"] = facts.Product,
            ["version"] = facts.Version.ToFullString(),
            ["kind"] = facts.Kind,
            ["applicability"] = ReleasePackage.ApplicabilityOf(facts),
        };
        if (hooks is { Count: > 0 })
        {
            Directory.CreateDirectory(Path.Combine(folder, "hooks"));
            var listed = new JsonObject();
            foreach (var (name, body) in hooks)
            {
                var script = Path.Combine(folder, "hooks", name + ".sh");
                File.WriteAllText(script, "#!/bin/sh\n" + body + "\n");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
                listed[name] = $"hooks/{name}.sh";
            }

            manifest["hooks"] = listed;
        }

        File.WriteAllText(Path.Combine(folder, "upkg.json"), manifest.ToJsonString());
    }

    public static async Task<byte[]> BuildPackageAsync(string product, string version, Action<string>? editSource = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "us-pkg-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "payload", "bin"));
            var template = new JsonObject { ["product"] = product, ["version"] = version, ["kind"] = "platform" };
            await File.WriteAllTextAsync(Path.Combine(folder, "upkg.json"), template.ToJsonString());
            await File.WriteAllTextAsync(Path.Combine(folder, "payload", "bin", "app.txt"), $"{product} {version}\n");
            await File.WriteAllBytesAsync(Path.Combine(folder, "payload", "data.bin"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
            editSource?.Invoke(folder);
            using var output = new MemoryStream();
            await PackageBuilder.WriteAsync(folder, output);
            return output.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
