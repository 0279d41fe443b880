using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Packaging.Tests.Catalog;

public sealed class PlanCheckTests
{
    [Theory]
    [MemberData(nameof(PlanCases.All), MemberType = typeof(PlanCases))]
    public void TakesEveryPlanThePlannerMakes(PlanCase row)
    {
        var plan = InstallPlanner.Plan(PlanCase.Catalog(row.Releases), row.Device);

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

    public static TheoryData<string, StepEvidence, AttackKind, string> ForgedSteps => new()
    {
        { "another product's target", Evidence(PlanCase.R("acme.b", "3.0.0")) with { AdvisedProduct = "acme.a", AdvisedInstallsProduct = "acme.a" },
            AttackKind.WrongSoftwareInstallation, "the signed target is for acme.b, not acme.a" },
        { "signed outside the vendor's namespace", Evidence(PlanCase.R("acme.a", "3.0.0")) with { TargetPath = "globex/acme.a-3.0.0.upkg" },
            AttackKind.WrongSoftwareInstallation, "signed outside its vendor's namespace acme/" },
        { "listed by no trusted role", Evidence(PlanCase.R("acme.a", "3.0.0")) with { Facts = null },
            AttackKind.ArbitraryInstallation, "no trusted metadata lists the target" },
        { "an older version", Evidence(PlanCase.R("acme.a", "1.0.0")),
            AttackKind.Rollback, "signed version 1.0.0 is not newer than 2.0.0" },
        { "the installed version again", Evidence(PlanCase.R("acme.a", "2.0.0")),
            AttackKind.Rollback, "signed version 2.0.0 is not newer than 2.0.0" },
        { "a release not installable over the installed one", Evidence(PlanCase.R("acme.a", "5.0.0", installableFrom: "[4.0.0,)")),
            AttackKind.WrongSoftwareInstallation, "the release installs over" },
        { "a requirement no step meets", Evidence(PlanCase.R("acme.a", "3.0.0", requires: ["acme.b [2.0.0,)"])),
            AttackKind.WrongSoftwareInstallation, "requires acme.b" },
    };

    [Theory]
    [MemberData(nameof(ForgedSteps))]
    public void RefusesAForgedStepNamingTheAttack(string forgery, StepEvidence step, AttackKind attack, string reason)
    {
        var device = PlanCase.Machine(managed: ["acme.a"], installed: ["acme.a 2.0.0"]);

        var verdict = Assert.Single(PlanCheck.Judge(device, [step]));

        Assert.False(verdict.Taken, forgery);
        Assert.Equal(attack, verdict.Attack);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesTheRealReasonForARefusedUpgradePackage()
    {
        // The upgrade package is refused for what it applies over; that refusal also takes it out of what the machine
        // may take, which must not replace the reason given.
        var device = PlanCase.Machine(managed: ["acme.platform"], installed: ["acme.platform 2.5.0"]);
        var upgrade = PlanCase.R("acme.platform-upgrade", "3.0.0", ProductKinds.Upgrade, upgrades: "acme.platform [1.0.0,2.0.0) 3.0.0");

        var verdict = Assert.Single(PlanCheck.Judge(device, [Evidence(upgrade)]));

        Assert.False(verdict.Taken);
        Assert.Equal(AttackKind.WrongSoftwareInstallation, verdict.Attack);
        Assert.Contains("the upgrade package applies over", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesTheRealReasonForARefusedDriverThatRequiresAnUpgrade()
    {
        var hardware = "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00";
        var device = PlanCase.Machine(managed: ["acme.platform"], installed: ["acme.platform 1.0.0"], hardware: [hardware]);
        var driver = PlanCase.R("acme.nic", "1.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533*"], requires: ["acme.platform [2.0.0,)"]);

        var verdict = Assert.Single(PlanCheck.Judge(device, [Evidence(driver)]));

        Assert.False(verdict.Taken);
        Assert.Contains("requires acme.platform", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesTheStepsAfterARefusedOneForTheSameProduct()
    {
        var device = PlanCase.Machine(managed: ["acme.a", "acme.b"], installed: ["acme.a 2.0.0"]);
        var forged = Evidence(PlanCase.R("acme.a", "3.0.0")) with { TargetPath = "globex/acme.a-3.0.0.upkg" };

        var verdicts = PlanCheck.Judge(device, [forged, Evidence(PlanCase.R("acme.a", "4.0.0")), Evidence(PlanCase.R("acme.b", "1.0.0"))]);

        Assert.Equal([false, false, true], verdicts.Select(v => v.Taken));
        Assert.Contains("an earlier step for acme.a was refused", verdicts[1].Reason, StringComparison.Ordinal);
    }

    private static StepEvidence Evidence(PlanStep step) => new(step.Release.Facts.Product, step.Product, step.Release.TargetPath, step.Release.Facts, null);

    private static StepEvidence Evidence(ReleaseFacts facts) =>
        new(facts.Product, facts.InstallsProduct, $"{facts.Vendor}/{facts.Product}-{facts.Version.ToNormalizedString()}.upkg", facts, null);
}
