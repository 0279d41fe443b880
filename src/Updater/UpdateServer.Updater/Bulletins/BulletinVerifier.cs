using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Inventory;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Bulletins;

/// <summary>
/// Turns the check API's bulletin notices (advice) into bulletins this machine can trust: each path must be listed by
/// the named vendor's delegation (TUF 5.6.7 search), with bulletin facts naming that id and revision; the document is
/// downloaded within the signed length and hashes (5.7), must parse strictly and say the same id and revision, and
/// whether it affects this machine is decided here from the signed ranges, not taken from the server.
/// </summary>
public sealed class BulletinVerifier(string cacheDirectory)
{
    /// <exception cref="TufException">The repository cannot be read at all (refresh problems surface before this).</exception>
    public async Task<(IReadOnlyList<VerifiedBulletin> Verified, IReadOnlyList<RefusedAdvice> Refused)> VerifyAsync(TufClient client,
        IReadOnlyList<BulletinNotice> notices, MachineInventory inventory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(notices);
        ArgumentNullException.ThrowIfNull(inventory);
        var verified = new List<VerifiedBulletin>();
        var refused = new List<RefusedAdvice>();
        foreach (var notice in notices.DistinctBy(n => n.TargetPath, StringComparer.Ordinal))
        {
            try
            {
                var (document, role) = await FetchAsync(client, notice, cancellationToken);
                if (BulletinMatcher.Evaluate(document, inventory.Installed, inventory.Components) is { } exposure)
                {
                    verified.Add(new VerifiedBulletin(document, notice.TargetPath, role, exposure));
                }
            }
            catch (BulletinFormatException e)
            {
                refused.Add(new RefusedAdvice(notice.Id, notice.TargetPath, e.Message, AttackKind.ArbitraryInstallation));
            }
            catch (TufException e)
            {
                refused.Add(new RefusedAdvice(notice.Id, notice.TargetPath, e.Message, e.Attack));
            }
        }

        return (verified, refused);
    }

    private async Task<(Bulletin Document, string Role)> FetchAsync(TufClient client, BulletinNotice notice, CancellationToken cancellationToken)
    {
        if (notice.Id is null || !BulletinId.IsValid(notice.Id) || notice.TargetPath is null)
        {
            throw new BulletinFormatException($"the server advised a malformed bulletin ({notice.Id}, {notice.TargetPath}).");
        }

        var vendor = BulletinId.VendorOf(notice.Id);
        var located = await client.LocateTargetAsync(notice.TargetPath, cancellationToken)
            ?? throw new BulletinFormatException($"no role trusted for {notice.TargetPath} lists it: the server's advice is not signed.");
        if (located.Role != vendor && !located.Role.StartsWith(vendor + ".", StringComparison.Ordinal))
        {
            throw new BulletinFormatException($"{notice.TargetPath} is signed by \"{located.Role}\", not by vendor \"{vendor}\".");
        }

        var facts = BulletinFacts.FromCustom(located.Target.Custom);
        if (facts.Id != notice.Id || facts.TargetPath(vendor) != notice.TargetPath)
        {
            throw new BulletinFormatException($"{notice.TargetPath} is signed as revision {facts.Revision} of {facts.Id}, not as the server says.");
        }

        if (located.Target.Length > BulletinJson.MaxDocumentBytes)
        {
            throw new BulletinFormatException($"{notice.TargetPath} is signed as {located.Target.Length} bytes, more than a bulletin may have.");
        }

        Directory.CreateDirectory(cacheDirectory);
        var file = Path.Combine(cacheDirectory, $"{located.Target.Sha256}.json");
        var bytes = File.Exists(file) ? await File.ReadAllBytesAsync(file, cancellationToken) : null;
        if (bytes is null || bytes.Length != located.Target.Length || FileHashes.Sha256Hex(bytes) != located.Target.Sha256)
        {
            // Not cached, or the cached copy changed since it was verified: fetch it again through TUF.
            File.Delete(file);
            await client.DownloadTargetAsync(notice.TargetPath, located.Target, file, null, cancellationToken);
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }

        var document = BulletinJson.Read(bytes);
        return document.Id == facts.Id && document.Revision == facts.Revision
            ? (document, located.Role)
            : throw new BulletinFormatException($"{notice.TargetPath} holds revision {document.Revision} of {document.Id}, not what its signed facts say.");
    }
}
