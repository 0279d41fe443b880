using NuGet.Versioning;

namespace UpdateServer.Packaging.Bulletins;

/// <summary>A release that fixes what the bulletin describes: the product (or component) and the first fixed version.</summary>
public sealed record FixedRelease(string Product, NuGetVersion Version);
