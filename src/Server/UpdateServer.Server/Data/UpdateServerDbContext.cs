using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Server.Data;

/// <summary>
/// The relational store: vendors (and the vendor list versions imported), every metadata version, releases and their
/// lifecycle events, install reports, bulletins and webhook deliveries, and the repository's change counter. The model is the same on every database;
/// each provider has a subclass of its own that holds that provider's migrations (<c>Sqlite/</c>, <c>PostgreSql/</c>).
/// </summary>
public abstract class UpdateServerDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<VendorRecord> Vendors => Set<VendorRecord>();

    /// <summary>Brings the database's schema up to date with this model's migrations; a provider adds what its migrator needs.</summary>
    public virtual Task MigrateAsync(CancellationToken cancellationToken) => Database.MigrateAsync(cancellationToken);

    public DbSet<VendorListRecord> VendorLists => Set<VendorListRecord>();

    public DbSet<MetadataRecord> Metadata => Set<MetadataRecord>();

    public DbSet<ReleaseRecord> Releases => Set<ReleaseRecord>();

    public DbSet<ReportRecord> Reports => Set<ReportRecord>();

    public DbSet<ReleaseEventRecord> ReleaseEvents => Set<ReleaseEventRecord>();

    public DbSet<BulletinRecord> Bulletins => Set<BulletinRecord>();

    public DbSet<BulletinRevisionRecord> BulletinRevisions => Set<BulletinRevisionRecord>();

    public DbSet<BulletinDeviceRecord> BulletinDevices => Set<BulletinDeviceRecord>();

    public DbSet<WebhookDeliveryRecord> WebhookDeliveries => Set<WebhookDeliveryRecord>();

    public DbSet<RepositoryGenerationRecord> RepositoryGeneration => Set<RepositoryGenerationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<RepositoryGenerationRecord>(generation =>
        {
            generation.ToTable("RepositoryGeneration");
            generation.HasKey(g => g.Id);
            generation.Property(g => g.Id).ValueGeneratedNever();
            generation.HasData(new RepositoryGenerationRecord { Id = RepositoryGenerationRecord.SingletonId, Generation = 0 });
        });

        modelBuilder.Entity<VendorRecord>(vendor =>
        {
            vendor.HasKey(v => v.Name);
            vendor.Property(v => v.Name).HasMaxLength(64);
            vendor.Property(v => v.ApiKeySha256).HasMaxLength(64);
            vendor.HasIndex(v => v.ApiKeySha256).IsUnique();
        });

        modelBuilder.Entity<VendorListRecord>(list =>
        {
            list.HasKey(l => l.Version);
            list.Property(l => l.Version).ValueGeneratedNever();
        });

        modelBuilder.Entity<MetadataRecord>(metadata =>
        {
            metadata.Property(m => m.Role).HasMaxLength(128);
            metadata.Property(m => m.Sha256).HasMaxLength(64);
            metadata.HasIndex(m => new { m.Role, m.Version }).IsUnique();
        });

        modelBuilder.Entity<ReleaseRecord>(release =>
        {
            release.Property(r => r.Vendor).HasMaxLength(64);
            release.Property(r => r.TargetPath).HasMaxLength(1024);
            release.Property(r => r.Product).HasMaxLength(128);
            release.Property(r => r.Version).HasMaxLength(256);
            release.Property(r => r.Kind).HasMaxLength(32);
            release.Property(r => r.Channel).HasMaxLength(64);
            release.Property(r => r.State).HasMaxLength(16);
            release.Property(r => r.Sha256).HasMaxLength(64);
            release.HasIndex(r => r.TargetPath).IsUnique();
            release.HasIndex(r => r.Product);
        });

        modelBuilder.Entity<ReleaseEventRecord>(change =>
        {
            change.Property(e => e.Vendor).HasMaxLength(64);
            change.Property(e => e.TargetPath).HasMaxLength(1024);
            change.Property(e => e.Product).HasMaxLength(128);
            change.Property(e => e.Version).HasMaxLength(256);
            change.Property(e => e.Event).HasMaxLength(32);
            change.Property(e => e.FromState).HasMaxLength(16);
            change.Property(e => e.ToState).HasMaxLength(16);
            change.Property(e => e.Reason).HasMaxLength(ReleaseFacts.MaxStateReasonLength);
            change.Property(e => e.Actor).HasMaxLength(128);
            change.HasIndex(e => new { e.Product, e.At });
        });

        modelBuilder.Entity<ReportRecord>(report =>
        {
            report.Property(r => r.DeviceId).HasMaxLength(128);
            report.Property(r => r.Product).HasMaxLength(128);
            report.Property(r => r.FromVersion).HasMaxLength(256);
            report.Property(r => r.ToVersion).HasMaxLength(256);
            report.Property(r => r.Outcome).HasMaxLength(32);
            report.Property(r => r.ErrorCode).HasMaxLength(128);
            report.Property(r => r.Message).HasMaxLength(4096);
            report.Property(r => r.ReportId).HasMaxLength(64);
            report.HasIndex(r => new { r.DeviceId, r.ReportedAt });
            report.HasIndex(r => new { r.DeviceId, r.ReportId }).IsUnique();
        });

        BulletinModel.Configure(modelBuilder);
    }
}
