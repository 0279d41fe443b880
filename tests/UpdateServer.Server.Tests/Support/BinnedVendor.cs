using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Packaging.Versions;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Support;

/// <summary>
/// Builds what vendor "acme" uploads once it uses hashed bins: its role delegating to <c>acme.bin-X</c> by the first hex
/// digit of SHA-256(path), and the bins, each signed as a test needs.
/// </summary>
public sealed class BinnedVendor(SigningKey key, DateTimeOffset now)
{
    public const string Product = "acme.culture-platform";

    public static IReadOnlyList<string> AllPrefixes { get; } = [.. "0123456789abcdef".Select(c => c.ToString())];

    /// <summary>The bin prefix of a target path.</summary>
    public static string Prefix(string path) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..1];

    public static async Task<(byte[] Package, string Path)> PackageAsync(string version) =>
        (await Publication.BuildPackageAsync(Product, version), $"acme/{Product}-{version}.upkg");

    public static TargetFile Target(byte[] package, string version = "1.0.0") =>
        new(package.Length, new Dictionary<string, string> { ["sha256"] = FileHashes.Sha256Hex(package) },
            new ReleaseFacts { Product = Product, Version = StrictVersion.Parse(version), Kind = ProductKinds.Platform }.ToCustom());

    /// <summary>The vendor role, delegating each prefix's bin to <paramref name="binKey"/> (default: the vendor key), signed by the vendor key.</summary>
    public (string Role, byte[] Bytes) VendorRole(long version, IReadOnlyList<string> prefixes, Func<string, string>? roleName = null,
        (string Path, byte[] Package)? target = null, SigningKey? binKey = null)
    {
        var delegated = binKey ?? key;
        var roles = prefixes.Select(p => new DelegatedRole(roleName?.Invoke(p) ?? $"acme.bin-{p}", new RoleKeys([delegated.KeyId], 1), true, null, [p])).ToList();
        var targets = target is { } t ? new Dictionary<string, TargetFile> { [t.Path] = Target(t.Package) } : new Dictionary<string, TargetFile>();
        var metadata = Metadata.Create(new TargetsMetadata
        {
            Version = version,
            Expires = now.AddDays(30),
            Targets = targets,
            Delegations = new Delegations(new Dictionary<string, TufKey> { [delegated.KeyId] = delegated.PublicKey }, roles),
        }).Sign(key);
        return ("acme", metadata.ToBytes());
    }

    /// <summary>A bin listing <paramref name="targets"/>, signed by <paramref name="signer"/> (default: the vendor key).</summary>
    public (string Role, byte[] Bytes) Bin(string prefix, IReadOnlyDictionary<string, TargetFile> targets, long version = 1, string? role = null,
        SigningKey? signer = null, bool delegating = false)
    {
        var metadata = Metadata.Create(new TargetsMetadata
        {
            Version = version,
            Expires = now.AddDays(30),
            Targets = new Dictionary<string, TargetFile>(targets),
            Delegations = delegating ? new Delegations(new Dictionary<string, TufKey>(), []) : null,
        }).Sign(signer ?? key);
        return (role ?? $"acme.bin-{prefix}", metadata.ToBytes());
    }

    /// <summary>Every one of the 16 bins at <paramref name="version"/>; the one <paramref name="path"/> falls in lists it.</summary>
    public List<(string Role, byte[] Bytes)> AllBins(string path, byte[] package, long version = 1, SigningKey? signer = null) =>
        [.. AllPrefixes.Select(p => Bin(p, p == Prefix(path) ? new Dictionary<string, TargetFile> { [path] = Target(package) } : [], version, signer: signer))];

    /// <summary>The multipart body of a publish: one part per role file, named <c>ROLE.json</c>, then the packages.</summary>
    public static MultipartFormDataContent Content(IEnumerable<(string Role, byte[] Bytes)> files, IEnumerable<byte[]> packages)
    {
        var content = new MultipartFormDataContent();
        foreach (var (role, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Add(part, "metadata", $"{role}.json");
        }

        foreach (var package in packages)
        {
            content.Add(new ByteArrayContent(package), "package", "package.upkg");
        }

        return content;
    }
}
