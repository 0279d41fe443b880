namespace UpdateServer.Packaging.Api;

/// <summary>
/// A bulletin the server found bearing on the device, by reference only: the updater fetches the target through TUF
/// (path, length and hashes verified against the vendor's signed metadata) and judges the signed document itself.
/// </summary>
/// <param name="Id">The bulletin id, e.g. ACME-2026-0001.</param>
/// <param name="Revision">The revision the server indexed as current.</param>
/// <param name="TargetPath">The bulletin target, <c>&lt;vendor&gt;/&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c>.</param>
/// <param name="Status"><c>affected</c> or <c>fixed</c>, in the server's view.</param>
public sealed record BulletinNotice(string Id, int Revision, string TargetPath, string Status);
