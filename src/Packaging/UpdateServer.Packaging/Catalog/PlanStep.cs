using NuGet.Versioning;

namespace UpdateServer.Packaging.Catalog;

/// <summary>One install of a plan: the release, which product's version it changes from what to what, and why.</summary>
public sealed record PlanStep(CatalogRelease Release, string Product, NuGetVersion? From, NuGetVersion To, string Reason);
