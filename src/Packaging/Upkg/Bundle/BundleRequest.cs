using NuGet.Versioning;

namespace UpdateServer.Upkg.Bundle;

/// <summary>
/// What <c>upkg bundle</c> collects: releases by product and version, from a server (<paramref name="Server"/>) or a
/// local repository folder (<paramref name="Repository"/>), checked against <paramref name="TrustedRoot"/>.
/// </summary>
public sealed record BundleRequest(
    IReadOnlyList<(string Product, NuGetVersion Version)> Releases,
    Uri? Server,
    string? Repository,
    string TrustedRoot,
    string Output);
