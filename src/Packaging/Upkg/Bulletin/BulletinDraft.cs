using NuGet.Versioning;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Bulletin;

/// <summary>What <c>upkg bulletin new</c> is told, as text from the command line; <see cref="ToBulletin"/> checks and builds revision 1.</summary>
public sealed record BulletinDraft(string Id, string Type, string Title, string Summary)
{
    public string? Severity { get; init; }

    public string? CvssVector { get; init; }

    public string Details { get; init; } = string.Empty;

    public string? Workaround { get; init; }

    /// <summary><c>PRODUCT=RANGE</c> for the vendor's own products.</summary>
    public IReadOnlyList<string> Affects { get; init; } = [];

    /// <summary><c>COMPONENT=RANGE</c> for third-party software (<c>postgres.server=[15.0, 15.6)</c>).</summary>
    public IReadOnlyList<string> Components { get; init; } = [];

    /// <summary><c>PRODUCT=VERSION</c>.</summary>
    public IReadOnlyList<string> FixedIn { get; init; } = [];

    public IReadOnlyList<string> Cves { get; init; } = [];

    /// <summary><c>URL</c> or <c>URL=SUMMARY</c>.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <exception cref="UsageException">A value does not parse.</exception>
    public Packaging.Bulletins.Bulletin ToBulletin(DateTimeOffset now)
    {
        CvssV31? cvss = null;
        try
        {
            cvss = CvssVector is { } vector ? CvssV31.Parse(vector) : null;
        }
        catch (BulletinFormatException e)
        {
            throw new UsageException($"--cvss: {e.Message}");
        }

        var date = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return new Packaging.Bulletins.Bulletin
        {
            Id = Id,
            Revision = 1,
            Type = Type,
            Severity = Severity ?? cvss?.Severity ?? throw new UsageException("--severity is required (security bulletins take it from --cvss)."),
            Cvss = cvss,
            Title = Title,
            Summary = Summary,
            Details = Details,
            Workaround = Workaround,
            Affected = [.. Affects.Select(a => Affected(a, "--affects", component: false)), .. Components.Select(c => Affected(c, "--component", component: true))],
            FixedIn = [.. FixedIn.Select(Fixed)],
            Cves = Cves,
            References = [.. References.Select(Reference)],
            Revisions = [new BulletinRevision(1, date, "Initial release.")],
        };
    }

    private static AffectedProduct Affected(string text, string option, bool component)
    {
        var (name, value) = Split(text, option, "ID=RANGE, e.g. acme.culture-platform=[1.0.0, 2.1.0)");
        return VersionRange.TryParse(value, allowFloating: false, out var range)
            ? new AffectedProduct(name, range, component)
            : throw new UsageException($"{option} \"{text}\": \"{value}\" is not a version range like [1.0.0, 2.1.0).");
    }

    private static FixedRelease Fixed(string text)
    {
        var (name, value) = Split(text, "--fixed", "PRODUCT=VERSION, e.g. acme.culture-platform=2.1.0");
        return NuGetVersion.TryParse(value, out var version) ? new FixedRelease(name, version)
            : throw new UsageException($"--fixed \"{text}\": \"{value}\" is not a version.");
    }

    private static BulletinReference Reference(string text)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        var url = separator < 0 ? text : text[..separator];
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new BulletinReference(uri, separator < 0 ? uri.Host : text[(separator + 1)..])
            : throw new UsageException($"--reference \"{text}\" must be an http(s) URL, optionally =SUMMARY.");
    }

    private static (string Name, string Value) Split(string text, string option, string form)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        return separator > 0 ? (text[..separator].Trim(), text[(separator + 1)..].Trim())
            : throw new UsageException($"{option} \"{text}\" must be {form}.");
    }
}
