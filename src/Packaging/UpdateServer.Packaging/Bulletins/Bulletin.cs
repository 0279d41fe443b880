namespace UpdateServer.Packaging.Bulletins;

/// <summary>
/// A bug, security or upgrade notice as the vendor signs it: the content of a bulletin target
/// (<c>&lt;vendor&gt;/&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c>). Read and written by <see cref="BulletinJson"/>, which
/// enforces every rule below; instances built in code are checked by <see cref="BulletinJson.Write"/>.
/// </summary>
public sealed record Bulletin
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 4000;
    public const int MaxDetailsLength = 64 * 1024;
    public const int MaxWorkaroundLength = 8 * 1024;
    public const int MaxListItems = 64;

    public required string Id { get; init; }

    /// <summary>1 for the first issue; each revision is the next number and repeats the whole history.</summary>
    public required int Revision { get; init; }

    public required string Type { get; init; }

    public required string Severity { get; init; }

    /// <summary>Required for security bulletins (its rating must be <see cref="Severity"/>); absent otherwise.</summary>
    public CvssV31? Cvss { get; init; }

    public required string Title { get; init; }

    public required string Summary { get; init; }

    /// <summary>Markdown. Rendered for people with raw HTML disabled and links limited to http, https and mailto.</summary>
    public string Details { get; init; } = string.Empty;

    public IReadOnlyList<AffectedProduct> Affected { get; init; } = [];

    public IReadOnlyList<FixedRelease> FixedIn { get; init; } = [];

    public string? Workaround { get; init; }

    public IReadOnlyList<string> Cves { get; init; } = [];

    public IReadOnlyList<BulletinReference> References { get; init; } = [];

    /// <summary>Every revision so far, numbered 1..<see cref="Revision"/>, dates never going back.</summary>
    public required IReadOnlyList<BulletinRevision> Revisions { get; init; }

    public string Status { get; init; } = BulletinStatuses.Active;

    /// <summary>With status superseded: the bulletin that replaces this one.</summary>
    public string? SupersededBy { get; init; }

    public DateTimeOffset InitialReleaseDate => Revisions[0].Date;

    public DateTimeOffset CurrentReleaseDate => Revisions[^1].Date;

    /// <summary>The vendor part of the id, in lowercase: the vendor name.</summary>
    public string Vendor => BulletinId.VendorOf(Id);
}
