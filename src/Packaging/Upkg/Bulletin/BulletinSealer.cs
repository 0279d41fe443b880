using UpdateServer.Packaging.Bulletins;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Bulletin;

/// <summary>
/// <c>upkg bulletin sign</c>: fixes the exact bytes of a revision before publishing — revision number, history and
/// dates — and checks them as the server will. Revision 1 from a draft; with the previously published revision, the
/// next number, the whole history carried over and a new entry. The result is the file <c>publish</c> signs as a target.
/// </summary>
public static class BulletinSealer
{
    /// <exception cref="UpkgException">The draft or previous revision is invalid, or they are different bulletins.</exception>
    public static Packaging.Bulletins.Bulletin Seal(Packaging.Bulletins.Bulletin draft, Packaging.Bulletins.Bulletin? previous, string? summary,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var date = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        if (previous is null)
        {
            return draft with { Revision = 1, Revisions = [new BulletinRevision(1, date, summary ?? draft.Revisions[0].Summary)] };
        }

        if (previous.Id != draft.Id)
        {
            throw new UpkgException($"the draft is {draft.Id} but --previous is {previous.Id}.");
        }

        if (summary is null)
        {
            throw new UsageException("--summary (what this revision changes) is required with --previous.");
        }

        var next = previous.Revision + 1;
        var when = date < previous.CurrentReleaseDate ? previous.CurrentReleaseDate : date;
        return draft with { Revision = next, Revisions = [.. previous.Revisions, new BulletinRevision(next, when, summary)] };
    }

    /// <summary>The file name a sealed revision has: <c>&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c>.</summary>
    public static string FileName(Packaging.Bulletins.Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        return new BulletinFacts(bulletin.Id, bulletin.Revision).FileName;
    }
}
