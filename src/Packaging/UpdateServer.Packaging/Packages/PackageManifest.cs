using System.Text.Json.Nodes;
using NuGet.Versioning;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The content of <c>manifest.json</c>, the first entry of every <c>.upkg</c> package. An instance is always
/// valid: the constructor and <see cref="Parse"/> refuse anything that breaks the rules below.
/// <list type="bullet">
/// <item><c>formatVersion</c>: exactly <see cref="CurrentFormatVersion"/>.</item>
/// <item><c>product</c>: a lowercase <c>vendor.name</c> id (<c>^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$</c>), at most 128 characters.</item>
/// <item><c>version</c>: strict SemVer 2.0. <c>kind</c>: <c>platform</c>, <c>driver</c>, <c>upgrade</c> or <c>component</c>.</item>
/// <item><c>description</c>, <c>hooks</c>, <c>applicability</c>: optional; every hook is a listed file under <c>hooks/</c>;
/// <c>applicability</c> is any JSON object, kept as is.</item>
/// <item><c>files</c>: sorted by the UTF-8 bytes of their paths, no duplicates, no entry below another entry
/// (entries are never folders); paths follow the package path rules (relative, under <c>payload/</c> or
/// <c>hooks/</c>, no <c>.</c>/<c>..</c>/empty segments, no backslash or control character, ≤ 1024 UTF-8 bytes);
/// symlink targets are relative and, resolved from the link's folder, stay inside <c>payload/</c>.</item>
/// <item>Unknown properties are refused at every level except inside <c>applicability</c>, so typos surface.</item>
/// </list>
/// Serialized by <see cref="ToUtf8Bytes"/> as indented UTF-8 JSON with a fixed property order, so equal manifests
/// give equal bytes.
/// </summary>
public sealed partial class PackageManifest
{
    /// <summary>The name of the manifest entry, always the archive's first entry.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The only <c>formatVersion</c> this library reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The largest <c>manifest.json</c> accepted: 4 MiB.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    /// <summary>The most entries an archive may hold, <c>manifest.json</c> included.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>The longest entry path or link target, in UTF-8 bytes.</summary>
    public const int MaxPathBytes = 1024;

    /// <summary>The longest product id, in characters.</summary>
    public const int MaxProductLength = 128;

    private readonly Dictionary<string, PackageFileEntry> _byPath;
    private readonly JsonObject? _applicability;

    /// <summary>Builds a manifest and checks every rule of the format.</summary>
    /// <param name="product">The lowercase <c>vendor.name</c> product id.</param>
    /// <param name="version">The package's SemVer 2.0 version.</param>
    /// <param name="kind">What the package installs.</param>
    /// <param name="files">The entries; they must already be sorted by <see cref="PackageFileEntry.Path"/> in UTF-8 byte order.</param>
    /// <param name="description">Free text, or null.</param>
    /// <param name="hooks">The hooks, or null for none.</param>
    /// <param name="applicability">Copied; later changes to the caller's object do not affect the manifest.</param>
    /// <exception cref="PackageFormatException">A value breaks the schema (<see cref="PackageProblem.MalformedManifest"/>) or there are too many files.</exception>
    /// <exception cref="UnsafePackageEntryException">A path is unsafe (<see cref="PackageProblem.UnsafePath"/>) or a link escapes (<see cref="PackageProblem.UnsafeLink"/>).</exception>
    public PackageManifest(
        string product,
        NuGetVersion version,
        PackageKind kind,
        IEnumerable<PackageFileEntry> files,
        string? description = null,
        PackageHooks? hooks = null,
        JsonObject? applicability = null)
        : this(product, version, kind, files, description, hooks, applicability, FileName)
    {
    }

    internal PackageManifest(
        string product,
        NuGetVersion version,
        PackageKind kind,
        IEnumerable<PackageFileEntry> files,
        string? description,
        PackageHooks? hooks,
        JsonObject? applicability,
        string document)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(files);

        var productProblem = FindProductProblem(product);
        if (productProblem is not null)
        {
            throw Malformed(document, $"\"product\" {PackagePath.Quote(product)} {productProblem}");
        }

        if (!Enum.IsDefined(kind))
        {
            throw Malformed(document, $"\"kind\" {(int)kind} is not a package kind");
        }

        Product = product;
        Version = version;
        Kind = kind;
        Description = description;
        Hooks = hooks ?? PackageHooks.None;
        _applicability = applicability?.DeepClone().AsObject();
        Files = files.ToArray();
        _byPath = CheckFiles(Files, document);
        CheckHooks(Hooks, _byPath, document);
    }

    public string Product { get; }

    public NuGetVersion Version { get; }

    public PackageKind Kind { get; }

    public string? Description { get; }

    /// <summary>The package's hooks; <see cref="PackageHooks.None"/> when it has none (never null).</summary>
    public PackageHooks Hooks { get; }

    /// <summary>A fresh copy of the <c>applicability</c> object on each call (so the manifest stays immutable); null when absent.</summary>
    public JsonObject? Applicability => _applicability?.DeepClone().AsObject();

    /// <summary>The entries, sorted by path in UTF-8 byte order.</summary>
    public IReadOnlyList<PackageFileEntry> Files { get; }

    /// <summary>Finds the entry listed at <paramref name="path"/>; false when the manifest does not list it.</summary>
    public bool TryGetEntry(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PackageFileEntry? entry) =>
        _byPath.TryGetValue(path, out entry);

    /// <summary>Reads and checks a <c>manifest.json</c>. Duplicate JSON keys, comments and non-integer numbers are refused.</summary>
    /// <exception cref="PackageFormatException">The JSON or a value is malformed; the message names the field, e.g. <c>manifest.json: "version" "2.0" is not a SemVer 2.0 version</c>.</exception>
    /// <exception cref="UnsafePackageEntryException">A listed path or link target is unsafe.</exception>
    public static PackageManifest Parse(ReadOnlySpan<byte> utf8Json) => ManifestJsonReader.ParseManifest(utf8Json);

    /// <summary>Writes the manifest as indented UTF-8 JSON (LF line ends, final newline) in the format's fixed property order; deterministic.</summary>
    public byte[] ToUtf8Bytes() => ManifestJsonWriter.Write(this, _applicability);

    internal static string? FindProductProblem(string product)
    {
        if (product.Length > MaxProductLength)
        {
            return $"is longer than {MaxProductLength} characters";
        }

        return Catalog.ReleaseFacts.IsProductId(product) ? null : "is not a lowercase vendor.name id";
    }

    internal static PackageFormatException Malformed(string document, string detail) =>
        new(PackageProblem.MalformedManifest, $"{document}: {detail}");

    private static Dictionary<string, PackageFileEntry> CheckFiles(IReadOnlyList<PackageFileEntry> files, string document)
    {
        if (files.Count > MaxEntries - 1)
        {
            throw new PackageFormatException(PackageProblem.TooManyEntries, $"{document}: \"files\" lists {files.Count} entries; at most {MaxEntries - 1} are allowed");
        }

        var byPath = new Dictionary<string, PackageFileEntry>(files.Count, StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var entry = files[i] ?? throw Malformed(document, $"\"files[{i}]\" is null");
            var problem = PackagePath.FindProblem(entry.Path);
            if (problem is not null)
            {
                throw new UnsafePackageEntryException(PackageProblem.UnsafePath, $"{document}: \"files[{i}].path\" {PackagePath.Quote(entry.Path)} {problem}", entry.Path);
            }

            if (i > 0)
            {
                var order = PackagePath.CompareUtf8(files[i - 1].Path, entry.Path);
                if (order == 0)
                {
                    throw Malformed(document, $"\"files[{i}].path\" {PackagePath.Quote(entry.Path)} is listed twice");
                }

                if (order > 0)
                {
                    throw Malformed(document, $"\"files[{i}].path\" {PackagePath.Quote(entry.Path)} is out of order: files must be sorted by the UTF-8 bytes of their paths");
                }
            }

            byPath.Add(entry.Path, entry);
            if (entry.Type == PackageEntryType.Symlink)
            {
                links.Add(entry.Path, entry.LinkTarget!);
            }
        }

        for (var i = 0; i < files.Count; i++)
        {
            var path = files[i].Path;
            for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
            {
                if (byPath.ContainsKey(path[..slash]))
                {
                    throw Malformed(document, $"\"files[{i}].path\" {PackagePath.Quote(path)} lies below {PackagePath.Quote(path[..slash])}, which is an entry, not a folder");
                }
            }

            if (files[i].Type == PackageEntryType.Symlink)
            {
                var problem = PackageLink.FindProblem(path, files[i].LinkTarget!, links);
                if (problem is not null)
                {
                    throw new UnsafePackageEntryException(
                        PackageProblem.UnsafeLink, $"{document}: \"files[{i}].target\" {PackagePath.Quote(files[i].LinkTarget)} of {PackagePath.Quote(path)} {problem}", path);
                }
            }
        }

        return byPath;
    }

    private static void CheckHooks(PackageHooks hooks, Dictionary<string, PackageFileEntry> byPath, string document)
    {
        foreach (var (name, path) in hooks.ByJsonName())
        {
            if (path is null)
            {
                continue;
            }

            if (!PackagePath.IsUnder(path, PackagePath.HooksRoot)
                || !byPath.TryGetValue(path, out var entry)
                || entry.Type != PackageEntryType.File)
            {
                throw Malformed(document, $"\"hooks.{name}\" {PackagePath.Quote(path)} is not a file listed in \"files\" under hooks/");
            }
        }
    }
}
