namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// Stores trusted metadata as <c>&lt;role&gt;.json</c> in one folder. Role names come from metadata and may hold
/// anything (<c>../x</c>, <c>/</c>, <c>?</c>), so they are percent-escaped into a single safe file name.
/// </summary>
public sealed class DirectoryMetadataStore : ITrustedMetadataStore
{
    private readonly string _directory;

    public DirectoryMetadataStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public byte[]? Read(string role)
    {
        var path = PathFor(role);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public void Write(string role, ReadOnlySpan<byte> data) => DurableFile.WriteAtomically(PathFor(role), data);

    public void Delete(string role) => File.Delete(PathFor(role));

    /// <summary>The file name used for <paramref name="role"/>: the escaped role name plus <c>.json</c>.</summary>
    public static string FileNameFor(string role) => EscapeRoleName(role) + ".json";

    /// <summary>
    /// Percent-escapes a role name (everything but letters, digits and <c>-._~</c>, as Python's
    /// <c>quote(name, "")</c> does) so that it is one path segment and one URL segment, never a path. With
    /// <c>.json</c> appended the result can never be <c>.</c> or <c>..</c>.
    /// </summary>
    public static string EscapeRoleName(string role) => Uri.EscapeDataString(role);

    private string PathFor(string role) => Path.Combine(_directory, FileNameFor(role));
}
