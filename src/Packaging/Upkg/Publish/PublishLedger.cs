using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using UpdateServer.Packaging;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// This machine's record of every target it signed for one vendor on one server (path, length, SHA-256), kept in the
/// state folder as <c>published/&lt;server&gt;/&lt;vendor&gt;.json</c> and grown after each accepted publish. After a
/// key replacement it is what tells the targets the vendor published from ones someone added with the revoked key.
/// Targets are immutable and upkg never removes one, so the record only grows.
/// </summary>
public sealed partial class PublishLedger
{
    private readonly SortedDictionary<string, LedgerEntry> _targets;

    private PublishLedger(string path, SortedDictionary<string, LedgerEntry> targets, bool exists)
    {
        Path = path;
        _targets = targets;
        Exists = exists;
    }

    /// <summary>The ledger file.</summary>
    public string Path { get; }

    /// <summary>False when this machine never recorded a publish for the vendor on the server.</summary>
    public bool Exists { get; private set; }

    /// <summary>Reads the ledger of <paramref name="vendor"/> on <paramref name="server"/>; an absent file is an empty ledger.</summary>
    /// <exception cref="UpkgException">The file exists but cannot be read.</exception>
    public static PublishLedger Open(string stateDirectory, Uri server, string vendor)
    {
        ArgumentNullException.ThrowIfNull(server);
        var serverName = UnsafeCharacters().Replace((server.Authority + server.AbsolutePath).TrimEnd('/'), "_");
        var path = System.IO.Path.Combine(stateDirectory, "published", serverName, vendor + ".json");
        if (!File.Exists(path))
        {
            return new PublishLedger(path, new SortedDictionary<string, LedgerEntry>(StringComparer.Ordinal), exists: false);
        }

        try
        {
            var file = JsonSerializer.Deserialize<LedgerFile>(File.ReadAllBytes(path)) ?? throw new JsonException("The file is empty.");
            return new PublishLedger(path, new SortedDictionary<string, LedgerEntry>(file.Targets ?? new Dictionary<string, LedgerEntry>(), StringComparer.Ordinal), exists: true);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new UpkgException($"{path}: cannot read the record of published targets: {e.Message}", e);
        }
    }

    /// <summary>True when <paramref name="path"/> was recorded with the length and SHA-256 <paramref name="target"/> lists.</summary>
    public bool Lists(string path, TargetFile target) =>
        _targets.TryGetValue(path, out var entry)
        && entry.Length == target.Length
        && target.Hashes.TryGetValue(FileHashes.Sha256, out var sha256)
        && string.Equals(entry.Sha256, sha256, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds every target of <paramref name="signed"/> and writes the file atomically.</summary>
    /// <exception cref="UpkgException">The file cannot be written.</exception>
    public void Record(IEnumerable<TargetsMetadata> signed)
    {
        foreach (var (path, target) in signed.SelectMany(m => m.Targets))
        {
            if (target.Hashes.TryGetValue(FileHashes.Sha256, out var sha256))
            {
                _targets[path] = new LedgerEntry(target.Length, sha256.ToLowerInvariant());
            }
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            DurableFile.WriteAtomically(Path, JsonSerializer.SerializeToUtf8Bytes(new LedgerFile(_targets), Indented));
            Exists = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UpkgException($"published, but cannot record it in {Path}: {e.Message}", e);
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [GeneratedRegex("[^A-Za-z0-9.-]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeCharacters();

    private sealed record LedgerFile([property: JsonPropertyName("targets")] IDictionary<string, LedgerEntry>? Targets);

    private sealed record LedgerEntry([property: JsonPropertyName("length")] long Length, [property: JsonPropertyName("sha256")] string Sha256);
}
