using UpdateServer.Packaging.Bulletins;

namespace UpdateServer.Updater.Bulletins;

/// <summary>A bulletin whose document came through TUF (the vendor's signature, length and hashes) and how it bears on this machine, judged here.</summary>
public sealed record VerifiedBulletin(Bulletin Document, string TargetPath, string SignedBy, BulletinExposure Exposure);
