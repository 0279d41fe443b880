using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Tests.Catalog;

public sealed class InstallPlannerTests
{
    [Theory]
    [MemberData(nameof(PlanCases.All), MemberType = typeof(PlanCases))]
    public void PlansAsTheTableSays(PlanCase row)
    {
        var plan = InstallPlanner.Plan(PlanCase.Catalog(row.Releases), row.Device);

        var steps = string.Join(", ", plan.Steps.Select(s => $"{s.Release.Facts.InstallsProduct} {s.To.ToNormalizedString()}"));
        var notes = string.Join(" | ", plan.Held.Select(h => $"{h.Product} {h.Version}: {h.Reason}").Concat(plan.Unsatisfied.Select(u => $"{u.Product}: {u.Reason}")));
        Assert.True(row.Steps == steps, $"{row.Name}: steps were \"{steps}\"; notes: {notes}");
        if (row.Note.Length > 0)
        {
            Assert.True(notes.Contains(row.Note, StringComparison.Ordinal), $"{row.Name}: \"{row.Note}\" not among: {notes}");
        }
    }

    [Fact]
    public void ExplainsEveryStep()
    {
        var plan = InstallPlanner.Plan(PlanCase.Catalog(
            [
                PlanCase.R("acme.platform", "2.1.0"),
                PlanCase.R("acme.nic-driver", "1.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533*"], requires: ["acme.platform [2.1.0,)"]),
            ]), PlanCase.Machine(installed: ["acme.platform 1.0.0"], hardware: ["pci:v00008086d00001533"]));

        Assert.Equal("required by acme.nic-driver 1.0.0 (acme.platform (>= 2.1.0))", plan.Steps[0].Reason);
        Assert.StartsWith("not installed yet; matches hardware pci:v00008086d00001533", plan.Steps[1].Reason, StringComparison.Ordinal);
        Assert.Equal("1.0.0", plan.Steps[0].From!.ToNormalizedString());
    }

    [Fact]
    public void TakesTheNewestOfUpgradePackagesReachingTheSameVersion()
    {
        var plan = InstallPlanner.Plan(PlanCase.Catalog(
            [
                PlanCase.R("acme.platform", "2.3.0", installableFrom: "[2.0.0,)"),
                PlanCase.R("acme.platform-upgrade", "2.0.0", ProductKinds.Upgrade, upgrades: "acme.platform [1.0.0,2.0.0) 2.0.0"),
                PlanCase.R("acme.platform-upgrade", "2.0.1", ProductKinds.Upgrade, upgrades: "acme.platform [1.0.0,2.0.0) 2.0.0"),
            ]), PlanCase.Machine(managed: ["acme.platform"], installed: ["acme.platform 1.4.0"]));

        Assert.Equal(["acme.platform-upgrade 2.0.1", "acme.platform 2.3.0"], plan.Steps.Select(s => $"{s.Release.Facts.Product} {s.Release.Facts.Version}"));
    }

    [Fact]
    public void GivesUpOnARequirementChainThatCannotBeMetInsteadOfTryingEveryCombination()
    {
        // Six layers of 20 versions, each requiring any version of the layer below; the bottom needs Debian 13.
        var releases = new List<ReleaseFacts>();
        for (var layer = 0; layer < 6; layer++)
        {
            for (var minor = 0; minor < 20; minor++)
            {
                releases.Add(PlanCase.R($"acme.layer-{layer}", $"1.{minor}.0", requires: [layer == 0 ? "os.debian [13.0.0,)" : $"acme.layer-{layer - 1} [1.0.0,)"]));
            }
        }

        var plan = InstallPlanner.Plan(PlanCase.Catalog(releases),
            PlanCase.Machine(managed: ["acme.layer-5"], components: ["os.debian 12.0.0"]));

        Assert.Empty(plan.Steps);
        Assert.Equal("acme.layer-5", Assert.Single(plan.Unsatisfied).Product);
    }

    [Fact]
    public void HasAtLeastFortyRows() => Assert.True(PlanCases.All.Count >= 40);
}
