using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Upkg.Pack;

/// <summary>A package's kind as the catalog and the signed release facts name it (<see cref="ProductKinds"/>).</summary>
public static class PackageKindText
{
    public static string Of(PackageKind kind) => kind switch
    {
        PackageKind.Platform => ProductKinds.Platform,
        PackageKind.Driver => ProductKinds.Driver,
        PackageKind.Upgrade => ProductKinds.Upgrade,
        PackageKind.Component => ProductKinds.Component,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a package kind."),
    };
}
