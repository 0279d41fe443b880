namespace UpdateServer.Packaging.Api;

/// <summary>Per requested product: <c>update-available</c>, <c>up-to-date</c>, <c>no-applicable-release</c> or <c>unknown-product</c>.</summary>
public sealed record ProductStatus(string Product, string Status, string? Reason);
