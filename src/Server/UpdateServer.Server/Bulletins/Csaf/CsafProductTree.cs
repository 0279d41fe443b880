using System.Globalization;
using System.Text.Json.Nodes;
using NuGet.Versioning;
using UpdateServer.Packaging.Bulletins;

namespace UpdateServer.Server.Bulletins.Csaf;

/// <summary>
/// The <c>product_tree</c> of a bulletin: vendor → product name → version range (affected, as a <c>vers</c> range) or
/// version (fixed), each leaf a full product with its own id. The ids are what vulnerabilities refer to.
/// </summary>
public sealed class CsafProductTree
{
    private readonly JsonArray _vendors = [];
    private int _next;

    public CsafProductTree(Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        foreach (var affected in bulletin.Affected)
        {
            Affected.Add(Add(affected.Product, affected.IsComponent, bulletin.Vendor, "product_version_range",
                Vers(affected.Versions, affected.IsComponent ? "generic" : "semver"), $"{affected.Product} {affected.VersionsText}"));
        }

        foreach (var fix in bulletin.FixedIn)
        {
            var component = !fix.Product.StartsWith(bulletin.Vendor + ".", StringComparison.Ordinal);
            var version = fix.Version.ToNormalizedString();
            Fixed.Add(Add(fix.Product, component, bulletin.Vendor, "product_version", version, $"{fix.Product} {version}"));
        }
    }

    /// <summary>Product ids of the affected ranges.</summary>
    public List<string> Affected { get; } = [];

    /// <summary>Product ids of the fixed versions.</summary>
    public List<string> Fixed { get; } = [];

    public JsonObject ToJson() => new() { ["branches"] = _vendors.DeepClone() };

    /// <summary>A <c>vers</c> range (https://github.com/package-url/purl-spec, VERS): <c>vers:semver/&gt;=1.0.0|&lt;2.1.0</c>.</summary>
    public static string Vers(VersionRange range, string scheme)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.HasLowerAndUpperBounds && range.MinVersion == range.MaxVersion && range.IsMinInclusive && range.IsMaxInclusive)
        {
            return $"vers:{scheme}/{range.MinVersion!.ToNormalizedString()}";
        }

        var parts = new List<string>();
        if (range.HasLowerBound)
        {
            parts.Add((range.IsMinInclusive ? ">=" : ">") + range.MinVersion!.ToNormalizedString());
        }

        if (range.HasUpperBound)
        {
            parts.Add((range.IsMaxInclusive ? "<=" : "<") + range.MaxVersion!.ToNormalizedString());
        }

        return $"vers:{scheme}/{(parts.Count == 0 ? "*" : string.Join('|', parts))}";
    }

    private string Add(string product, bool component, string vendor, string category, string name, string fullName)
    {
        var id = $"CSAFPID-{++_next:0000}";
        var vendorName = component ? product[..product.IndexOf('.', StringComparison.Ordinal)] : vendor;
        var vendorBranch = Child(_vendors, "vendor", vendorName);
        var productBranch = Child((JsonArray)vendorBranch["branches"]!, "product_name", product);
        ((JsonArray)productBranch["branches"]!).Add(new JsonObject
        {
            ["category"] = category,
            ["name"] = name,
            ["product"] = new JsonObject { ["name"] = fullName, ["product_id"] = id },
        });
        return id;
    }

    private static JsonObject Child(JsonArray branches, string category, string name)
    {
        if (branches.OfType<JsonObject>().FirstOrDefault(b => (string?)b["name"] == name) is { } existing)
        {
            return existing;
        }

        var branch = new JsonObject { ["category"] = category, ["name"] = name, ["branches"] = new JsonArray() };
        branches.Add(branch);
        return branch;
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
