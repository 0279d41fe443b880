namespace UpdateServer.Upkg.Publish;

/// <summary>What <c>upkg publish</c> publishes, where, and with which release facts.</summary>
/// <param name="Packages">The <c>.upkg</c> files.</param>
/// <param name="Server">The server's base URL, e.g. <c>https://updates.example.org/</c>.</param>
/// <param name="Vendor">The vendor name: the delegated role and the namespace of every product (<c>&lt;vendor&gt;.</c>).</param>
/// <param name="KeyFile">The vendor's private key file; it signs the vendor's targets metadata.</param>
/// <param name="ApiKey">The vendor's API key for the publish endpoint.</param>
/// <param name="Channel">The release channel of every package.</param>
/// <param name="OperatingSystems">Operating systems the releases apply to; null to take the manifest's <c>applicability.os</c>.</param>
/// <param name="Architectures">Architectures the releases apply to; null to take the manifest's <c>applicability.arch</c>.</param>
/// <param name="Mandatory">Whether machines must install the releases.</param>
/// <param name="Expires">Lifetime of the newly signed vendor metadata.</param>
public sealed record PublishOptions(
    IReadOnlyList<string> Packages,
    Uri Server,
    string Vendor,
    string KeyFile,
    string ApiKey,
    string Channel,
    IReadOnlyList<string>? OperatingSystems,
    IReadOnlyList<string>? Architectures,
    bool Mandatory,
    TimeSpan Expires)
{
    /// <summary>Your previous public key: the server's copy may carry its signature instead of the current key's.</summary>
    public string? PreviousKeyFile { get; init; }

    /// <summary>Sign and upload the next version even when no package is new.</summary>
    public bool Resign { get; init; }

    /// <summary>The lifecycle state new releases start in: draft, testing or stable.</summary>
    public string State { get; init; } = Packaging.Catalog.ReleaseStates.Stable;

    /// <summary>Set up hashed bins (16 or 256) for a vendor with many releases; 0 keeps the current layout.</summary>
    public int Bins { get; init; }

    /// <summary>
    /// With <see cref="PreviousKeyFile"/>: re-sign targets the server's copy (signed only by the previous key) lists
    /// although this machine has no record of publishing them; the vendor has checked them (<c>--yes</c>).
    /// </summary>
    public bool ConfirmUnrecorded { get; init; }

    /// <summary>The folder holding this machine's record of published targets (<see cref="PublishLedger"/>).</summary>
    public required string StateDirectory { get; init; }
}
