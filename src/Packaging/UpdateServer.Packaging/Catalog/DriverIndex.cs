namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// Driver releases indexed by the literal start of their hardware ID patterns (up to <see cref="MaxKeyLength"/>
/// characters before any wildcard: bus, vendor and device of a PCI modalias), so matching a machine looks only at
/// drivers that can match one of its IDs instead of at every driver. A pattern can match an ID only if the ID starts
/// with the pattern's literal start, so looking each ID up by its first N characters, for every key length N in the
/// index, finds every candidate. Windows IDs are keyed upper-case, as they match case-insensitively.
/// </summary>
public sealed class DriverIndex
{
    public const int MaxKeyLength = 22;

    private readonly Dictionary<string, CatalogRelease[]> _byKey;
    private readonly int[] _keyLengths;

    public DriverIndex(IEnumerable<CatalogRelease> drivers)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        var byKey = new Dictionary<string, List<CatalogRelease>>(StringComparer.Ordinal);
        foreach (var driver in drivers)
        {
            foreach (var key in driver.Facts.HardwareIds.Select(Key).Distinct(StringComparer.Ordinal))
            {
                (byKey.TryGetValue(key, out var list) ? list : byKey[key] = []).Add(driver);
            }
        }

        _byKey = byKey.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _keyLengths = [.. _byKey.Keys.Select(k => k.Length).Distinct().Order()];
    }

    /// <summary>Every driver that may match one of <paramref name="hardwareIds"/> (possibly more; never fewer).</summary>
    public IReadOnlyList<CatalogRelease> Candidates(IReadOnlyList<string> hardwareIds)
    {
        ArgumentNullException.ThrowIfNull(hardwareIds);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in hardwareIds)
        {
            var normalized = HardwareIdPattern.KeyOf(id);
            foreach (var length in _keyLengths.Where(l => l <= normalized.Length))
            {
                keys.Add(normalized[..length]);
            }
        }

        var found = new HashSet<CatalogRelease>(ReferenceEqualityComparer.Instance);
        foreach (var key in keys)
        {
            if (_byKey.TryGetValue(key, out var drivers))
            {
                found.UnionWith(drivers);
            }
        }

        return [.. found];
    }

    private static string Key(HardwareIdPattern pattern) => pattern.Literal[..Math.Min(pattern.Literal.Length, MaxKeyLength)];
}
