namespace UpdateServer.Packaging.Catalog;

/// <summary>A product the machine wants that no plan can bring, and why; the planner says so rather than guess.</summary>
public sealed record UnsatisfiedProduct(string Product, string Reason);
