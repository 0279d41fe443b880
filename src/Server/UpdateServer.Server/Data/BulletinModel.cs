using Microsoft.EntityFrameworkCore;

namespace UpdateServer.Server.Data;

/// <summary>The bulletin tables: current facts, revisions with their signed documents, affected devices, webhook deliveries.</summary>
internal static class BulletinModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BulletinRecord>(bulletin =>
        {
            bulletin.HasKey(b => b.Id);
            bulletin.Property(b => b.Id).HasMaxLength(96);
            bulletin.Property(b => b.Vendor).HasMaxLength(64);
            bulletin.Property(b => b.Type).HasMaxLength(16);
            bulletin.Property(b => b.Severity).HasMaxLength(16);
            bulletin.Property(b => b.CvssVector).HasMaxLength(64);
            bulletin.Property(b => b.Title).HasMaxLength(200);
            bulletin.Property(b => b.Summary).HasMaxLength(4000);
            bulletin.Property(b => b.Status).HasMaxLength(16);
            bulletin.Property(b => b.SupersededBy).HasMaxLength(96);
            bulletin.Property(b => b.TargetPath).HasMaxLength(1024);
            bulletin.HasMany(b => b.AffectedProducts).WithOne().HasForeignKey(p => p.BulletinId).OnDelete(DeleteBehavior.Cascade);
            bulletin.HasMany(b => b.FixedReleases).WithOne().HasForeignKey(f => f.BulletinId).OnDelete(DeleteBehavior.Cascade);
            bulletin.HasMany(b => b.AffectedDevices).WithOne().HasForeignKey(d => d.BulletinId).OnDelete(DeleteBehavior.Cascade);
            bulletin.HasIndex(b => b.CurrentReleaseDate);
        });

        modelBuilder.Entity<BulletinProductRecord>(product =>
        {
            product.Property(p => p.BulletinId).HasMaxLength(96);
            product.Property(p => p.Product).HasMaxLength(128);
            product.Property(p => p.Versions).HasMaxLength(256);
            product.HasIndex(p => p.Product);
        });

        modelBuilder.Entity<BulletinFixRecord>(fix =>
        {
            fix.Property(f => f.BulletinId).HasMaxLength(96);
            fix.Property(f => f.Product).HasMaxLength(128);
            fix.Property(f => f.Version).HasMaxLength(64);
            fix.Property(f => f.TargetPath).HasMaxLength(1024);
        });

        modelBuilder.Entity<BulletinDeviceRecord>(device =>
        {
            device.Property(d => d.BulletinId).HasMaxLength(96);
            device.Property(d => d.DeviceId).HasMaxLength(128);
            device.HasIndex(d => new { d.BulletinId, d.DeviceId }).IsUnique();
            device.HasIndex(d => d.DeviceId);
        });

        modelBuilder.Entity<BulletinRevisionRecord>(revision =>
        {
            revision.Property(r => r.BulletinId).HasMaxLength(96);
            revision.Property(r => r.Vendor).HasMaxLength(64);
            revision.Property(r => r.TargetPath).HasMaxLength(1024);
            revision.Property(r => r.Sha256).HasMaxLength(64);
            revision.HasIndex(r => new { r.BulletinId, r.Revision }).IsUnique();
            revision.HasIndex(r => r.TargetPath).IsUnique();
        });

        modelBuilder.Entity<WebhookDeliveryRecord>(delivery =>
        {
            delivery.Property(d => d.Endpoint).HasMaxLength(64);
            delivery.Property(d => d.Event).HasMaxLength(32);
            delivery.Property(d => d.BulletinId).HasMaxLength(96);
            delivery.Property(d => d.Status).HasMaxLength(16);
            delivery.Property(d => d.LastError).HasMaxLength(1024);
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        });
    }
}
