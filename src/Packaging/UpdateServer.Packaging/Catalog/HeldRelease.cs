namespace UpdateServer.Packaging.Catalog;

/// <summary>A release newer than what the plan installs, held back, and why (<c>pinned</c>, <c>yanked</c>, <c>requires …</c>).</summary>
public sealed record HeldRelease(string Product, string Version, string Reason);
