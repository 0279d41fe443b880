using UpdateServer.Packaging.Catalog;
using static UpdateServer.Packaging.Tests.Catalog.PlanCase;

namespace UpdateServer.Packaging.Tests.Catalog;

/// <summary>The planner table: hardware ranking, ranges, dependencies, upgrade paths, supersedence, pins, channels, states.</summary>
public static class PlanCases
{
    private const string Platform = "acme.platform";
    private const string Nic = "acme.nic-driver";
    private const string Cam = "acme.camera-driver";
    private const string Intel = "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00";
    private const string Logitech = "usb:v046Dp0825d0012dcEFdsc02dp01ic0Eisc01ip00in00";

    public static TheoryData<PlanCase> All =>
    [
        // Hardware matching and ranking.
        new PlanCase("driver with an exact modalias installs", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel])], Machine(hardware: [Intel]), "acme.nic-driver 1.0.0", ""),
        new PlanCase("driver with a wildcard modalias installs", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533*"])], Machine(hardware: [Intel]), "acme.nic-driver 1.0.0", ""),
        new PlanCase("driver without matching hardware is not planned", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: ["pci:v000010ECd00008168*"])], Machine(hardware: [Intel]), "", ""),
        new PlanCase("exact ID beats wildcard across products", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel]), R("acme.generic-nic", "5.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533*"])],
            Machine(hardware: [Intel]), "acme.nic-driver 1.0.0", "better-matching driver, acme.nic-driver"),
        new PlanCase("longer literal prefix beats shorter", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533sv00008086*"]), R("acme.generic-nic", "5.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533*"])],
            Machine(hardware: [Intel]), "acme.nic-driver 1.0.0", "better-matching driver"),
        new PlanCase("better match beats newer version within a product", [R(Nic, "1.5.0", ProductKinds.Driver, hardware: [Intel]), R(Nic, "2.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533*"])],
            Machine(hardware: [Intel]), "acme.nic-driver 1.5.0", "acme.nic-driver"),
        new PlanCase("same match: newer version wins", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel]), R(Nic, "1.1.0", ProductKinds.Driver, hardware: [Intel])],
            Machine(hardware: [Intel]), "acme.nic-driver 1.1.0", ""),
        new PlanCase("windows: earlier listed hardware ID wins", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: ["PCI\\VEN_8086&DEV_1533"]), R("acme.oem-nic", "1.0.0", ProductKinds.Driver, hardware: ["PCI\\VEN_8086&DEV_1533&SUBSYS_00018086"])],
            Machine(hardware: ["PCI\\VEN_8086&DEV_1533&SUBSYS_00018086", "PCI\\VEN_8086&DEV_1533"]), "acme.nic-driver 1.0.0, acme.oem-nic 1.0.0", ""),
        new PlanCase("windows: one device, two products with the same ID: the newer release wins", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: ["PCI\\VEN_8086&DEV_1533"]), R("acme.oem-nic", "1.2.0", ProductKinds.Driver, hardware: ["PCI\\VEN_8086&DEV_1533"])],
            Machine(hardware: ["PCI\\VEN_8086&DEV_1533"]), "acme.oem-nic 1.2.0", "better-matching driver, acme.oem-nic"),
        new PlanCase("another vendor's driver for the same device is not planned", [R("globex.nic", "9.0.0", ProductKinds.Driver, hardware: [Intel]), R(Nic, "1.0.0", ProductKinds.Driver, hardware: ["pci:v00008086d00001533*"])],
            Machine(managed: [Platform], hardware: [Intel]), "acme.nic-driver 1.0.0", ""),
        new PlanCase("a machine takes drivers from the vendors it names", [R("globex.nic", "9.0.0", ProductKinds.Driver, hardware: [Intel])],
            Machine(managed: [Platform], hardware: [Intel], driverVendors: ["acme", "globex"]), "globex.nic 9.0.0", ""),
        new PlanCase("a component release is never planned", [R("acme.db", "15.4.0", ProductKinds.Component)], Machine(managed: ["acme.db"]), "", "a component"),
        new PlanCase("an upgrade package not installable over the version is not used", [R(Platform, "2.3.0", installableFrom: "[2.0.0,)"),
                R("acme.platform-upgrade", "2.0.0", ProductKinds.Upgrade, installableFrom: "[1.5.0,2.0.0)", upgrades: $"{Platform} [1.0.0,2.0.0) 2.0.0")],
            Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"]), "", "no upgrade package"),
        new PlanCase("the updater comes first when another step requires it", [R("acme.updater", "2.0.0"), R(Platform, "2.0.0", requires: ["acme.updater [2.0.0,)"])],
            Machine(managed: ["acme.updater", Platform], installed: ["acme.updater 1.0.0"], updater: "acme.updater"), "acme.updater 2.0.0, acme.platform 2.0.0", ""),
        new PlanCase("a superseded product another step requires stays", [R("acme.lib", "2.0.0"), R("acme.suite", "1.0.0", supersedes: ["acme.lib"]), R(Platform, "2.0.0", requires: ["acme.lib [2.0.0,)"])],
            Machine(managed: ["acme.suite", Platform], installed: ["acme.lib 1.0.0"]), "acme.suite 1.0.0, acme.lib 2.0.0, acme.platform 2.0.0", ""),
        new PlanCase("an installed release's supersedes also count", [R("acme.lib", "2.0.0"), R("acme.suite", "1.0.0", supersedes: ["acme.lib"])],
            Machine(managed: ["acme.lib", "acme.suite"], installed: ["acme.lib 1.0.0", "acme.suite 1.0.0"]), "", "superseded by acme.suite"),
        new PlanCase("windows IDs match without regard to case", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: ["pci\\ven_8086&dev_1533"])], Machine(hardware: ["PCI\\VEN_8086&DEV_1533"]), "acme.nic-driver 1.0.0", ""),
        new PlanCase("installed driver gets its update", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel]), R(Nic, "1.2.0", ProductKinds.Driver, hardware: [Intel])],
            Machine(hardware: [Intel], installed: [$"{Nic} 1.0.0"]), "acme.nic-driver 1.2.0", ""),
        new PlanCase("installed driver whose hardware is gone gets nothing", [R(Nic, "1.2.0", ProductKinds.Driver, hardware: [Intel])], Machine(hardware: [Logitech], installed: [$"{Nic} 1.0.0"]), "", ""),
        new PlanCase("two devices get their own drivers", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel]), R(Cam, "3.0.0", ProductKinds.Driver, hardware: ["usb:v046Dp0825*"])],
            Machine(hardware: [Intel, Logitech]), "acme.camera-driver 3.0.0, acme.nic-driver 1.0.0", ""),
        new PlanCase("windows driver is not planned on linux", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], os: ["windows"])], Machine(hardware: [Intel]), "", ""),

        // Requirements.
        new PlanCase("driver brings the platform it requires first", [R(Platform, "1.9.0"), R(Platform, "2.1.0"), R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: [$"{Platform} [2.1.0,)"])],
            Machine(managed: [Platform], installed: [$"{Platform} 1.9.0"], hardware: [Intel]), "acme.platform 2.1.0, acme.nic-driver 1.0.0", ""),
        new PlanCase("satisfied requirement adds nothing", [R(Platform, "2.1.0"), R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: [$"{Platform} [2.0.0,)"])],
            Machine(managed: [Platform], installed: [$"{Platform} 2.1.0"], hardware: [Intel]), "acme.nic-driver 1.0.0", ""),
        new PlanCase("unsatisfiable requirement holds the driver back", [R(Platform, "2.1.0"), R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: [$"{Platform} [3.0.0,)"])],
            Machine(installed: [$"{Platform} 2.1.0"], hardware: [Intel]), "", "requires acme.platform"),
        new PlanCase("requirement on a component is met by the probe", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: ["postgres.server [14.0.0,)"])],
            Machine(hardware: [Intel], components: ["postgres.server 15.2.0"]), "acme.nic-driver 1.0.0", ""),
        new PlanCase("component too old is never installed by updates", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: ["postgres.server [16.0.0,)"])],
            Machine(hardware: [Intel], components: ["postgres.server 15.2.0"]), "", "not installed by updates"),
        new PlanCase("transitive requirements in dependency order", [R(Platform, "2.0.0"), R("acme.middleware", "1.0.0", requires: [$"{Platform} [2.0.0,)"]),
                R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: ["acme.middleware [1.0.0,)"])],
            Machine(installed: [$"{Platform} 1.0.0"], hardware: [Intel]), "acme.platform 2.0.0, acme.middleware 1.0.0, acme.nic-driver 1.0.0", ""),
        new PlanCase("dependency cycle is reported, not followed", [R("acme.a", "1.0.0", requires: ["acme.b [1.0.0,)"]), R("acme.b", "1.0.0", requires: ["acme.a [1.0.0,)"])],
            Machine(managed: ["acme.a"]), "", "dependency cycle"),
        new PlanCase("older driver installs when the newest needs the impossible", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel]), R(Nic, "2.0.0", ProductKinds.Driver, hardware: [Intel], requires: [$"{Platform} [9.0.0,)"])],
            Machine(hardware: [Intel]), "acme.nic-driver 1.0.0", "requires acme.platform"),
        new PlanCase("requirement takes the newest release in range", [R(Platform, "2.1.0"), R(Platform, "2.3.0"), R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: [$"{Platform} [2.1.0,)"])],
            Machine(installed: [$"{Platform} 1.0.0"], hardware: [Intel]), "acme.platform 2.3.0, acme.nic-driver 1.0.0", ""),
        new PlanCase("requirement below the installed version cannot downgrade", [R(Platform, "1.5.0"), R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: [$"{Platform} [1.0.0,2.0.0)"])],
            Machine(installed: [$"{Platform} 2.3.0"], hardware: [Intel]), "", "requires acme.platform"),

        // Upgrade paths.
        new PlanCase("upgrade package leads the way to a major version", [R(Platform, "2.3.0", installableFrom: "[2.0.0,)"), R("acme.platform-upgrade", "2.0.0", ProductKinds.Upgrade, upgrades: $"{Platform} [1.0.0,2.0.0) 2.0.0")],
            Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"]), "acme.platform 2.0.0, acme.platform 2.3.0", ""),
        new PlanCase("upgrade package alone reaches the newest version", [R(Platform, "2.0.0", installableFrom: "[2.0.0,)"), R("acme.platform-upgrade", "2.0.0", ProductKinds.Upgrade, upgrades: $"{Platform} [1.0.0,2.0.0) 2.0.0")],
            Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"]), "acme.platform 2.0.0", ""),
        new PlanCase("without an upgrade package the newest waits and an older one installs", [R(Platform, "1.9.0"), R(Platform, "2.3.0", installableFrom: "[2.0.0,)")],
            Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"]), "acme.platform 1.9.0", "no upgrade package"),
        new PlanCase("two upgrade packages chain", [R(Platform, "3.1.0", installableFrom: "[3.0.0,)"), R("acme.up-2", "2.0.0", ProductKinds.Upgrade, upgrades: $"{Platform} [1.0.0,2.0.0) 2.0.0"),
                R("acme.up-3", "3.0.0", ProductKinds.Upgrade, upgrades: $"{Platform} [2.0.0,3.0.0) 3.0.0")],
            Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"]), "acme.platform 2.0.0, acme.platform 3.0.0, acme.platform 3.1.0", ""),
        new PlanCase("a yanked upgrade package is not used", [R(Platform, "2.3.0", installableFrom: "[2.0.0,)"), R("acme.platform-upgrade", "2.0.0", ProductKinds.Upgrade, state: ReleaseStates.Yanked, upgrades: $"{Platform} [1.0.0,2.0.0) 2.0.0")],
            Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"]), "", "no upgrade package"),
        new PlanCase("a fresh install needs no upgrade path", [R(Platform, "2.3.0", installableFrom: "[2.0.0,)")], Machine(managed: [Platform]), "acme.platform 2.3.0", ""),
        new PlanCase("an upgrade package brings its own requirement", [R(Platform, "2.3.0", installableFrom: "[2.0.0,)"), R("postgres-upgrade.tools", "1.0.0", ProductKinds.Component),
                R("acme.platform-upgrade", "2.0.0", ProductKinds.Upgrade, upgrades: $"{Platform} [1.0.0,2.0.0) 2.0.0", requires: ["acme.migrator [1.0.0,)"]), R("acme.migrator", "1.2.0")],
            Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"]), "acme.migrator 1.2.0, acme.platform 2.0.0, acme.platform 2.3.0", ""),

        // Supersedence.
        new PlanCase("a superseding driver replaces the old one", [R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel]), R("acme.nic-driver-ng", "1.0.0", ProductKinds.Driver, hardware: [Intel, "usb:v9999p0001*"], supersedes: [Nic])],
            Machine(managed: [Nic, "acme.nic-driver-ng"], hardware: [Intel]), "acme.nic-driver-ng 1.0.0", "superseded by acme.nic-driver-ng"),
        new PlanCase("a superseding release that is not planned supersedes nothing", [R(Platform, "2.0.0"), R("acme.platform-ng", "1.0.0", os: ["windows"], supersedes: [Platform])],
            Machine(managed: [Platform, "acme.platform-ng"]), "acme.platform 2.0.0", "not for linux/x64"),

        // Pins.
        new PlanCase("a pin holds a product to its range", [R(Platform, "1.9.0"), R(Platform, "2.3.0")], Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"], pins: [$"{Platform} [1.0.0,2.0.0)"]),
            "acme.platform 1.9.0", "pinned to"),
        new PlanCase("an exact pin keeps the installed version", [R(Platform, "1.5.0")], Machine(managed: [Platform], installed: [$"{Platform} 1.4.0"], pins: [$"{Platform} [1.4.0]"]), "", "pinned to"),
        new PlanCase("a pin on a required product makes the requirement unsatisfiable", [R(Platform, "2.1.0"), R(Nic, "1.0.0", ProductKinds.Driver, hardware: [Intel], requires: [$"{Platform} [2.1.0,)"])],
            Machine(installed: [$"{Platform} 1.9.0"], hardware: [Intel], pins: [$"{Platform} [1.0.0,2.0.0)"]), "", "requires acme.platform"),

        // Channels and lifecycle.
        new PlanCase("a beta release is not offered on stable", [R(Platform, "1.0.0"), R(Platform, "2.0.0-beta.1", channel: "beta")], Machine(managed: [Platform]), "acme.platform 1.0.0", "channel beta"),
        new PlanCase("a beta machine takes beta releases", [R(Platform, "1.0.0"), R(Platform, "2.0.0-beta.1", channel: "beta")], Machine(managed: [Platform], channel: "beta"), "acme.platform 2.0.0-beta.1", ""),
        new PlanCase("a testing release waits outside the test ring", [R(Platform, "1.0.0"), R(Platform, "1.1.0", state: ReleaseStates.Testing)], Machine(managed: [Platform]), "acme.platform 1.0.0", "test ring"),
        new PlanCase("the test ring takes testing releases", [R(Platform, "1.0.0"), R(Platform, "1.1.0", state: ReleaseStates.Testing)], Machine(managed: [Platform], testRing: true), "acme.platform 1.1.0", ""),
        new PlanCase("a draft is never offered", [R(Platform, "1.0.0"), R(Platform, "1.1.0", state: ReleaseStates.Draft)], Machine(managed: [Platform], testRing: true), "acme.platform 1.0.0", "draft"),
        new PlanCase("a yanked release is skipped for the previous one", [R(Platform, "1.0.0"), R(Platform, "1.1.0", state: ReleaseStates.Yanked)], Machine(managed: [Platform]), "acme.platform 1.0.0", "yanked"),
        new PlanCase("only yanked releases: unsatisfied with the reason", [R(Platform, "1.1.0", state: ReleaseStates.Yanked)], Machine(managed: [Platform]), "", "1.1.0: yanked"),
        new PlanCase("wrong operating system: unsatisfied with the reason", [R(Platform, "1.0.0", os: ["windows"])], Machine(managed: [Platform]), "", "not for linux/x64"),

        // Order and completeness.
        new PlanCase("the updater plans itself last", [R("acme.updater", "2.0.0"), R(Platform, "2.0.0")], Machine(managed: ["acme.updater", Platform], updater: "acme.updater"),
            "acme.platform 2.0.0, acme.updater 2.0.0", ""),
        new PlanCase("the updater's requirement still comes first", [R("acme.updater", "2.0.0", requires: [$"{Platform} [2.0.0,)"]), R(Platform, "2.0.0")],
            Machine(managed: ["acme.updater"], installed: [$"{Platform} 1.0.0"], updater: "acme.updater"), "acme.platform 2.0.0, acme.updater 2.0.0", ""),
        new PlanCase("an unknown product is unsatisfied", [R(Platform, "1.0.0")], Machine(managed: ["acme.unknown"]), "", "no release of it"),
        new PlanCase("an up-to-date machine gets an empty plan", [R(Platform, "1.0.0")], Machine(managed: [Platform], installed: [$"{Platform} 1.0.0"]), "", ""),
        new PlanCase("several products each take their newest", [R(Platform, "2.0.0"), R("acme.kiosk", "3.1.0"), R("acme.kiosk", "3.0.0")],
            Machine(managed: [Platform, "acme.kiosk"], installed: [$"{Platform} 1.0.0"]), "acme.platform 2.0.0, acme.kiosk 3.1.0", ""),
    ];
}
