using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Packaging.Tests.Catalog;

public sealed class PlanCheckTests
{
    [Theory]
    [MemberData(nameof(PlanCases.All), MemberType = typeof(PlanCases))]
    public void TakesEveryPlanThePlannerMakes(PlanCase row)
    {
        var plan = InstallPlanner.Plan(new InMemoryReleaseCatalog(row.Releases), row.Device);

        var verdicts = PlanCheck.Judge(row.Device, plan.Steps.Select(Evidence).ToList());

        Assert.All(verdicts, v => Assert.True(v.Taken, $"{row.Name}: step {v.Index} ({plan.Steps[v.Index].Release.TargetPath}) refused: {v.Reason}"));
    }

    [Fact]
    public void RefusesAProductThatOnlyARefusedStepRequires()
    {
        // A forged plan: remote-admin first, then a draft platform release that "requires" it.
        var device = PlanCase.Machine(managed: ["acme.platform"], installed: ["acme.platform 1.0.0"]);
        var remoteAdmin = PlanCase.R("acme.remote-admin", "1.0.0");
        var draft = PlanCase.R("acme.platform", "9.0.0", state: ReleaseStates.Draft, requires: ["acme.remote-admin [1.0.0,)"]);

        var verdicts = PlanCheck.Judge(device, [Evidence(remoteAdmin), Evidence(draft)]);

        Assert.All(verdicts, v => Assert.False(v.Taken));
        Assert.Equal(AttackKind.ExtraneousDependencies, verdicts[0].Attack);
    }

    [Fact]
    public void RefusesADriverFromAVendorTheMachineDoesNotTake()
    {
        var device = PlanCase.Machine(managed: ["acme.platform"], hardware: ["pci:v00008086d00001533sv00008086sd00000001bc02sc00i00"]);
        var foreign = PlanCase.R("globex.helper", "1.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533*"]);

        var verdict = Assert.Single(PlanCheck.Judge(device, [Evidence(foreign)]));

        Assert.False(verdict.Taken);
        Assert.Contains("whose drivers this machine does not take", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAComponentRelease()
    {
        var device = PlanCase.Machine(managed: ["acme.db"]);

        var verdict = Assert.Single(PlanCheck.Judge(device, [Evidence(PlanCase.R("acme.db", "15.0.0", ProductKinds.Component))]));

        Assert.False(verdict.Taken);
        Assert.Contains("a component", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GoesOnWithOtherProductsAfterARefusal()
    {
        var device = PlanCase.Machine(managed: ["acme.a", "acme.b"], installed: ["acme.a 2.0.0"]);

        var verdicts = PlanCheck.Judge(device, [Evidence(PlanCase.R("acme.a", "1.0.0")), Evidence(PlanCase.R("acme.b", "1.0.0"))]);

        Assert.Equal([false, true], verdicts.Select(v => v.Taken));
        Assert.Equal(AttackKind.Rollback, verdicts[0].Attack);
    }

    private static StepEvidence Evidence(PlanStep step) => new(step.Release.Facts.Product, step.Product, step.Release.TargetPath, step.Release.Facts, null);

    private static StepEvidence Evidence(ReleaseFacts facts) =>
        new(facts.Product, facts.InstallsProduct, $"{facts.Vendor}/{facts.Product}-{facts.Version.ToNormalizedString()}.upkg", facts, null);
}
