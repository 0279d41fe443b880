using NuGet.Versioning;

namespace UpdateServer.Packaging.Catalog;

/// <summary>Another product a release needs, in a version range (NuGet interval notation, e.g. <c>[2.1.0,)</c>).</summary>
public sealed record Requirement(string Product, VersionRange Versions)
{
    public override string ToString() => $"{Product} {Versions.PrettyPrint()}";
}
