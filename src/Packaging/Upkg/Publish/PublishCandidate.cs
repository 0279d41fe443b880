using System.Security.Cryptography;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// A verified file on disk, ready to be listed as a target: where it goes, its length, hash and signed facts — the
/// release facts of a package, or (<see cref="Bulletin"/>) the facts of a bulletin revision.
/// </summary>
/// <param name="File">The package (or bulletin) file.</param>
/// <param name="TargetPath"><c>&lt;vendor&gt;/&lt;product&gt;-&lt;version&gt;.upkg</c>, the full SemVer version included; for bulletins <c>&lt;vendor&gt;/&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c>.</param>
/// <param name="Length">The file's length in bytes.</param>
/// <param name="Sha256">The file's SHA-256, lowercase hex.</param>
/// <param name="Facts">The release facts signed as the target's <c>custom</c> object; null for a bulletin.</param>
public sealed record PublishCandidate(string File, string TargetPath, long Length, string Sha256, ReleaseFacts? Facts)
{
    /// <summary>For a bulletin target: its id and revision, signed as the <c>custom</c> object instead of release facts.</summary>
    public BulletinFacts? Bulletin { get; init; }

    public string FileName => Path.GetFileName(File);

    /// <summary>The target entry the vendor signs: length, sha256 and the facts as <c>custom</c>.</summary>
    public TargetFile ToTargetFile() =>
        new(Length, new Dictionary<string, string>(StringComparer.Ordinal) { [FileHashes.Sha256] = Sha256 }, Bulletin?.ToCustom() ?? Facts!.ToCustom());

    /// <summary>The report line for this file: product (or bulletin id), version (or <c>rN</c>), kind and channel.</summary>
    public PublishedPackage Describe(string status) => Bulletin is { } bulletin
        ? new(File, TargetPath, bulletin.Id, $"r{bulletin.Revision}", BulletinFacts.Kind, "-", Length, Sha256, status)
        : new(File, TargetPath, Facts!.Product, Facts.Version.ToFullString(), Facts.Kind, Facts.Channel, Length, Sha256, status);

    public static string TargetPathOf(string vendor, ReleaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return $"{vendor}/{facts.Product}-{facts.Version.ToFullString()}.upkg";
    }

    /// <summary>
    /// Verifies the whole package (every entry against its manifest), hashes it, and derives its release facts:
    /// product, version, kind and applicability (hardware IDs, requirements, upgrade, supersedes) from the manifest;
    /// channel, state and mandatory from <paramref name="options"/>; OS and architecture from the options when given,
    /// otherwise from the manifest's <c>applicability.os</c>/<c>.arch</c>.
    /// </summary>
    /// <exception cref="UpkgException">The file is missing or not a valid package, or its product is outside the vendor's namespace.</exception>
    public static async Task<PublishCandidate> InspectAsync(string file, PublishOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!System.IO.File.Exists(file))
        {
            throw new UpkgException($"{file}: package not found.");
        }

        PackageManifest manifest;
        long length;
        byte[] sha256;
        var stream = new FileStream(file, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        await using (stream)
        {
            try
            {
                manifest = await PackageReader.VerifyAsync(stream, cancellationToken);
            }
            catch (PackageException e)
            {
                throw new UpkgException($"{file}: not a valid package: {e.Message}", e);
            }

            stream.Position = 0;
            sha256 = await SHA256.HashDataAsync(stream, cancellationToken);
            length = stream.Length;
        }

        if (!manifest.Product.StartsWith(options.Vendor + ".", StringComparison.Ordinal))
        {
            throw new UpkgException(
                $"{file}: product \"{manifest.Product}\" is outside vendor \"{options.Vendor}\"'s namespace (product ids must start with \"{options.Vendor}.\").");
        }

        ReleaseFacts stated;
        try
        {
            stated = ReleaseFacts.FromManifest(manifest);
        }
        catch (ReleaseFactsException e)
        {
            throw new UpkgException($"{file}: {e.Message}", e);
        }

        if (stated.Requires.FirstOrDefault(r => r.Product == stated.Product) is { } self)
        {
            throw new UpkgException($"{file}: {stated.Product} cannot require itself ({self}).");
        }

        var facts = stated with
        {
            Channel = options.Channel,
            State = options.State,
            OperatingSystems = options.OperatingSystems ?? stated.OperatingSystems,
            Architectures = options.Architectures ?? stated.Architectures,
            Mandatory = options.Mandatory,
        };
        return new PublishCandidate(file, TargetPathOf(options.Vendor, facts), length, Convert.ToHexStringLower(sha256), facts);
    }
}
