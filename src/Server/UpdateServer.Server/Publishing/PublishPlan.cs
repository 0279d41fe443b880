namespace UpdateServer.Server.Publishing;

/// <summary>
/// A publish request that passed every check: the role metadata to store and every target the vendor's roles will
/// list afterwards (new ones marked), from which the release rows are written.
/// </summary>
public sealed record PublishPlan(string Vendor, IReadOnlyList<UploadedRole> Roles, IReadOnlyList<PlannedTarget> Targets)
{
    public IEnumerable<PlannedTarget> NewTargets => Targets.Where(t => t.IsNew);
}
