namespace UpdateServer.Upkg.Release;

/// <summary>What <c>upkg release promote|yank</c> changes: one release's signed lifecycle state, and why.</summary>
/// <param name="Product">The product id, inside the vendor's namespace.</param>
/// <param name="Version">The release's SemVer version as published.</param>
/// <param name="State">The state to move to: testing, stable or yanked.</param>
/// <param name="Reason">Why (signed with the state, shown to machines and admins); null for none.</param>
public sealed record LifecycleChange(string Product, string Version, string State, string? Reason);
