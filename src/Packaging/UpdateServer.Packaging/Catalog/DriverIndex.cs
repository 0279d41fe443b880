namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// Driver releases indexed by the literal start of their hardware ID patterns (the first <see cref="KeyLength"/>
/// characters before any wildcard: vendor and device for PCI and USB modaliases), so matching a machine looks only
/// at drivers that can match one of its IDs instead of at every driver. Patterns with a shorter literal start are
/// always looked at. Windows IDs are keyed upper-case, as they match case-insensitively.
/// </summary>
public sealed class DriverIndex
{
    public const int KeyLength = 16;

    private readonly Dictionary<string, CatalogRelease[]> _byKey;
    private readonly CatalogRelease[] _alwaysChecked;

    public DriverIndex(IEnumerable<CatalogRelease> drivers)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        var byKey = new Dictionary<string, List<CatalogRelease>>(StringComparer.Ordinal);
        var always = new List<CatalogRelease>();
        foreach (var driver in drivers)
        {
            foreach (var key in driver.Facts.HardwareIds.Select(Key).Distinct(StringComparer.Ordinal))
            {
                if (key is null)
                {
                    always.Add(driver);
                }
                else
                {
                    (byKey.TryGetValue(key, out var list) ? list : byKey[key] = []).Add(driver);
                }
            }
        }

        _byKey = byKey.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _alwaysChecked = [.. always.Distinct()];
    }

    /// <summary>Every driver that may match one of <paramref name="hardwareIds"/> (possibly more; never fewer).</summary>
    public IReadOnlyList<CatalogRelease> Candidates(IReadOnlyList<string> hardwareIds)
    {
        ArgumentNullException.ThrowIfNull(hardwareIds);
        var found = new HashSet<CatalogRelease>(_alwaysChecked);
        foreach (var id in hardwareIds)
        {
            if (id.Length >= KeyLength && _byKey.TryGetValue(Normalize(id[..KeyLength], isWindows: !id.Contains(':')), out var drivers))
            {
                found.UnionWith(drivers);
            }
        }

        return [.. found];
    }

    private static string? Key(HardwareIdPattern pattern) =>
        pattern.Specificity >= KeyLength ? Normalize(pattern.Text[..KeyLength], pattern.IsWindows) : null;

    private static string Normalize(string start, bool isWindows) => isWindows ? start.ToUpperInvariant() : start;
}
