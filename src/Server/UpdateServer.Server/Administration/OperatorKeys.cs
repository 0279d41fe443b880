using UpdateServer.Packaging.Repository;

namespace UpdateServer.Server.Administration;

/// <summary>
/// Who may push repository documents to a running server: the SHA-256 of each operator API key, read from
/// <c>operators.json</c> in the repository folder at start. Without that file the administration API is closed.
/// </summary>
public sealed class OperatorKeys
{
    private volatile HashSet<string> _hashes = [];

    public bool Enabled => _hashes.Count > 0;

    /// <summary>Reads <c>operators.json</c> (same shape as <c>vendors.json</c>); a missing file closes the administration API.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is malformed.</exception>
    public void Load(string directory)
    {
        var path = Path.Combine(directory, ServerRepositoryFiles.Operators);
        if (!File.Exists(path))
        {
            _hashes = [];
            return;
        }

        try
        {
            _hashes = VendorRegistration.ReadList(File.ReadAllBytes(path), ServerRepositoryFiles.Operators).Select(o => o.ApiKeySha256)
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{path}: {e.Message}", e);
        }
    }

    public bool Accepts(string apiKey) => _hashes.Contains(VendorRegistration.HashApiKey(apiKey));
}
