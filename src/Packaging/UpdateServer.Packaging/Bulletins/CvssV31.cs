namespace UpdateServer.Packaging.Bulletins;

/// <summary>
/// A CVSS v3.1 base vector (<c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c>) and the base score computed from it,
/// as the CVSS v3.1 specification (section 7.1 and appendix A, Roundup) defines it. Only base metrics, in the
/// specification's order, are accepted: that is the form CSAF's schema requires of <c>vectorString</c>.
/// </summary>
public sealed record CvssV31
{
    private const string Prefix = "CVSS:3.1/";
    private static readonly string[] Order = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

    private CvssV31(string vector, IReadOnlyDictionary<string, char> metrics)
    {
        Vector = vector;
        BaseScore = Compute(metrics);
    }

    public string Vector { get; }

    /// <summary>The base score, 0.0 to 10.0 with one decimal.</summary>
    public decimal BaseScore { get; }

    /// <summary>The qualitative rating of <see cref="BaseScore"/>: none, low, medium, high or critical.</summary>
    public string Severity => BulletinSeverities.OfScore(BaseScore);

    /// <exception cref="BulletinFormatException">Not a CVSS v3.1 base vector with every base metric once, in order.</exception>
    public static CvssV31 Parse(string? vector)
    {
        if (vector is null || vector.Length > 64 || !vector.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new BulletinFormatException($"cvss.vector \"{vector}\" must start with {Prefix}.");
        }

        var parts = vector[Prefix.Length..].Split('/');
        if (parts.Length != Order.Length)
        {
            throw new BulletinFormatException($"cvss.vector \"{vector}\" must list exactly the base metrics {string.Join("/", Order)}, in that order.");
        }

        var metrics = new Dictionary<string, char>(StringComparer.Ordinal);
        for (var i = 0; i < Order.Length; i++)
        {
            var pair = parts[i].Split(':');
            if (pair.Length != 2 || pair[0] != Order[i] || pair[1].Length != 1 || !Allowed(Order[i]).Contains(pair[1][0], StringComparison.Ordinal))
            {
                throw new BulletinFormatException($"cvss.vector \"{vector}\": \"{parts[i]}\" is not {Order[i]}:<{string.Join("|", Allowed(Order[i]).ToCharArray())}>.");
            }

            metrics[Order[i]] = pair[1][0];
        }

        return new CvssV31(vector, metrics);
    }

    private static string Allowed(string metric) => metric switch
    {
        "AV" => "NALP",
        "AC" => "LH",
        "PR" => "NLH",
        "UI" => "NR",
        "S" => "UC",
        _ => "HLN",
    };

    private static decimal Compute(IReadOnlyDictionary<string, char> m)
    {
        var changed = m["S"] == 'C';
        var av = m["AV"] switch { 'N' => 0.85, 'A' => 0.62, 'L' => 0.55, _ => 0.2 };
        var ac = m["AC"] == 'L' ? 0.77 : 0.44;
        var pr = m["PR"] switch { 'N' => 0.85, 'L' => changed ? 0.68 : 0.62, _ => changed ? 0.5 : 0.27 };
        var ui = m["UI"] == 'N' ? 0.85 : 0.62;
        static double Cia(char v) => v switch { 'H' => 0.56, 'L' => 0.22, _ => 0.0 };
        var iss = 1 - ((1 - Cia(m["C"])) * (1 - Cia(m["I"])) * (1 - Cia(m["A"])));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0)
        {
            return 0m;
        }

        return Roundup(Math.Min(changed ? 1.08 * (impact + exploitability) : impact + exploitability, 10));
    }

    /// <summary>CVSS v3.1 appendix A: the smallest one-decimal number not below the input, free of floating-point noise.</summary>
    private static decimal Roundup(double value)
    {
        var scaled = (long)Math.Round(value * 100_000);
        return scaled % 10_000 == 0 ? scaled / 100_000m : (Math.Floor(scaled / 10_000m) + 1) / 10m;
    }
}
