namespace UpdateServer.Packaging.Catalog;

/// <summary>The kinds of product the catalog knows (see docs/design): what a release installs and how.</summary>
public static class ProductKinds
{
    public const string Platform = "platform";
    public const string Driver = "driver";
    public const string Upgrade = "upgrade";
    public const string Component = "component";

    public static bool IsKnown(string? kind) => kind is Platform or Driver or Upgrade or Component;
}
