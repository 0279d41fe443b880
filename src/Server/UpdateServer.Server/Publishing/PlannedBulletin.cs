using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// A bulletin target one of the vendor's roles lists after the publish (custom <c>kind</c> is <c>bulletin</c>);
/// <see cref="Upload"/> is set for new ones sent in this request.
/// </summary>
public sealed record PlannedBulletin(string Role, string Path, TargetFile File, BulletinFacts Facts, bool IsNew, SpooledPackage? Upload);
