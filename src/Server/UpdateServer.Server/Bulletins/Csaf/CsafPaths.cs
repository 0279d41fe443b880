using System.Text;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Bulletins.Csaf;

/// <summary>
/// Where CSAF documents live (CSAF 2.0 section 7.1.11, directory-based distribution): under <c>/.well-known/csaf/</c>,
/// in a folder named by the year of the initial release, as the file name section 5.1 derives from the id
/// (lowercase; characters other than <c>+</c>, <c>-</c>, <c>a-z</c>, <c>0-9</c> become <c>_</c>).
/// </summary>
public static class CsafPaths
{
    public const string Root = "/.well-known/csaf";

    /// <summary><c>2026/acme-2026-0001.json</c>, relative to <see cref="Root"/>.</summary>
    public static string RelativePath(string id, DateTimeOffset initialReleaseDate) =>
        $"{initialReleaseDate.UtcDateTime.Year:0000}/{FileName(id)}";

    public static string RelativePath(BulletinRecord bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        return RelativePath(bulletin.Id, bulletin.InitialReleaseDate);
    }

    /// <summary>The absolute path of the document, <c>/.well-known/csaf/2026/acme-2026-0001.json</c>.</summary>
    public static string DocumentPath(BulletinRecord bulletin) => $"{Root}/{RelativePath(bulletin)}";

    public static string FileName(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var name = new StringBuilder(id.Length + 5);
        foreach (var c in id.ToLowerInvariant())
        {
            name.Append(c is '+' or '-' or (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        }

        return name.Append(".json").ToString();
    }
}
