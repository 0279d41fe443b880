using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Tests.Catalog;

public sealed class HardwareMatcherTests
{
    private const string Device = "pci:v00008086d00001533";

    /// <summary>
    /// A pattern that backtracks over every reported ID sharing its literal start: each comparison is cheap, but
    /// thousands of IDs make millions of steps.
    /// </summary>
    private static readonly ReleaseFacts Backtracking = PlanCase.R("acme.slow", "1.0.0", ProductKinds.Driver,
        hardware: [Device + "*" + new string('a', 50) + "b"]);

    private static readonly string[] ManyIds =
        [.. Enumerable.Range(0, 2000).Select(i => Device + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('a', 100))];

    [Fact]
    public void StopsMatchingOnceTheBudgetIsSpent()
    {
        var matcher = new HardwareMatcher([.. ManyIds, Device + "sv00008086"]);
        var plain = PlanCase.R("acme.nic", "1.0.0", ProductKinds.Driver, hardware: [Device + "sv*"]);
        Assert.NotNull(new HardwareMatcher([Device + "sv00008086"]).Best(plain));

        Assert.Null(matcher.Best(Backtracking));

        Assert.True(matcher.Exhausted);
        Assert.Null(matcher.Best(plain));
    }

    [Fact]
    public void ThePlannerSaysDriversWereNotMatchedPastTheBudget()
    {
        var device = PlanCase.Machine(managed: ["acme.platform"], hardware: ManyIds);

        var plan = InstallPlanner.Plan(PlanCase.Catalog([Backtracking]), device);

        Assert.Empty(plan.Steps);
        var unsatisfied = Assert.Single(plan.Unsatisfied, u => u.Product == "(drivers)");
        Assert.Contains("hardware matching stopped", unsatisfied.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchesEachPatternOnceForManyReleases()
    {
        var matcher = new HardwareMatcher(ManyIds[..20]);
        var versions = Enumerable.Range(1, 500).Select(v => PlanCase.R("acme.slow", $"{v}.0.0", ProductKinds.Driver, hardware: [Device + "*" + new string('a', 50) + "b"]));

        Assert.All(versions, v => Assert.Null(matcher.Best(v)));

        Assert.False(matcher.Exhausted);
    }
}
