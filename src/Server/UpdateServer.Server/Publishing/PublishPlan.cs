using UpdateServer.Packaging.Trust;

namespace UpdateServer.Server.Publishing;

/// <summary>A publish request that passed every metadata check: what to store and which release rows to write.</summary>
public sealed record PublishPlan(string Vendor, Metadata<TargetsMetadata> Metadata, byte[] MetadataBytes, IReadOnlyList<PlannedTarget> Targets)
{
    public IEnumerable<PlannedTarget> NewTargets => Targets.Where(t => t.IsNew);
}
