using NuGet.Versioning;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// What an upgrade package does: moves <see cref="Product"/> from an installed version in <see cref="From"/> to
/// <see cref="To"/> (running its migration hooks and installing that version's payload).
/// </summary>
public sealed record UpgradeSpec(string Product, VersionRange From, NuGetVersion To);
