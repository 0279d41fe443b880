using UpdateServer.Packaging.Trust;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// A publish request that passed every check: the role metadata to store and every target the vendor's roles will
/// list afterwards (new ones marked), from which the release rows are written.
/// </summary>
public sealed record PublishPlan(string Vendor, IReadOnlyList<UploadedRole> Roles, IReadOnlyList<PlannedTarget> Targets)
{
    public IEnumerable<PlannedTarget> NewTargets => Targets.Where(t => t.IsNew);

    /// <summary>The bulletin targets the vendor's roles list after this publish (new ones marked).</summary>
    public IReadOnlyList<PlannedBulletin> Bulletins { get; init; } = [];

    /// <summary>The sub-roles (hashed bins) the vendor role delegates to after this publish; null when it has none.</summary>
    public Delegations? SubRoles { get; init; }

    /// <summary>The role that lists (or listed) <paramref name="targetPath"/>: the bin it falls in, else the vendor role.</summary>
    public string RoleOf(string targetPath) => SubRoles?.Roles.FirstOrDefault(r => r.IsDelegatedPath(targetPath))?.Name ?? Vendor;

    /// <summary>The version this publish gives <paramref name="role"/>; 0 when the role is not part of it.</summary>
    public long VersionOf(string role) => Roles.FirstOrDefault(r => r.Role == role)?.Metadata.Signed.Version ?? 0;
}
