using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// Decides which of the server's copies of the vendor's metadata (vendor role, bins) upkg may sign on top of. A copy
/// must carry the vendor's own signature, so a server can never get targets signed that the vendor did not publish.
/// After a key replacement (<c>--previous-key</c>) a copy signed only by the previous key is accepted, but that key
/// is revoked, perhaps because it was stolen: every target such a copy lists must be in this machine's
/// <see cref="PublishLedger"/>, or the vendor must confirm the list (<c>--yes</c>) before anything is signed.
/// </summary>
public sealed class ServerCopyReview(TufKey currentKey, TufKey? previousKey, PublishLedger ledger)
{
    private const int Shown = 5;
    private readonly List<string> _unrecorded = [];

    /// <summary>Targets listed by copies only the previous key signed that the ledger does not hold, in the order met.</summary>
    public IReadOnlyList<string> Unrecorded => _unrecorded;

    /// <summary>Accepts a copy signed by the current key, or by the previous one (noting its unrecorded targets).</summary>
    /// <exception cref="UpkgException">The copy carries a valid signature by neither key.</exception>
    public void Admit(Metadata<TargetsMetadata> copy, string role)
    {
        ArgumentNullException.ThrowIfNull(copy);
        if (IsSignedBy(copy, currentKey))
        {
            return;
        }

        if (previousKey is null || !IsSignedBy(copy, previousKey))
        {
            throw new UpkgException(
                $"the server's copy of {role}.json (version {copy.Signed.Version}) is not signed by your key {currentKey.KeyId}; refusing to sign on top of it.");
        }

        _unrecorded.AddRange(copy.Signed.Targets.Where(t => !ledger.Lists(t.Key, t.Value) && !_unrecorded.Contains(t.Key)).Select(t => t.Key));
    }

    /// <summary>Call after every copy was admitted and before anything is signed or sent.</summary>
    /// <param name="confirmed">The vendor checked the unrecorded targets and wants them re-signed (<c>--yes</c>).</param>
    /// <param name="server">The server, for the message.</param>
    /// <exception cref="UpkgException">Some targets are unrecorded and <paramref name="confirmed"/> is false.</exception>
    public void RequireConfirmed(bool confirmed, Uri server)
    {
        if (_unrecorded.Count == 0 || confirmed)
        {
            return;
        }

        var listed = string.Join(", ", _unrecorded.Take(Shown)) + (_unrecorded.Count > Shown ? $" and {_unrecorded.Count - Shown} more" : string.Empty);
        var what = ledger.Exists
            ? $"lists {_unrecorded.Count} target(s) this machine has no record of publishing ({ledger.Path})"
            : $"this machine has no record of what it published to {server} ({ledger.Path} does not exist), so none of its {_unrecorded.Count} target(s) can be told from one added with that key";
        throw new UpkgException(
            $"the server's copy is signed only by your previous key, which is revoked, and {what}: {listed}. " +
            "Someone holding the previous key could have added them; check each, then run again with --yes to re-sign them with your new key.");
    }

    private static bool IsSignedBy(Metadata<TargetsMetadata> copy, TufKey key) =>
        SignatureThreshold.CountValid(copy.CanonicalSigned.Span, copy.Signatures,
            new Dictionary<string, TufKey>(StringComparer.Ordinal) { [key.KeyId] = key }, new RoleKeys([key.KeyId], 1)) == 1;
}
