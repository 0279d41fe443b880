using NuGet.Versioning;

namespace UpdateServer.Packaging.Bulletins;

/// <summary>
/// A product or component the bulletin is about, with the versions affected. Components are third-party software
/// identified as the updater's inventory reports them (<c>os.debian</c>, <c>postgres.server</c>); products are the
/// vendor's own.
/// </summary>
public sealed record AffectedProduct(string Product, VersionRange Versions, bool IsComponent)
{
    /// <summary>The range as written in the document (NuGet range syntax, e.g. <c>[1.0.0, 2.1.0)</c>).</summary>
    public string VersionsText => Versions.ToNormalizedString();
}
