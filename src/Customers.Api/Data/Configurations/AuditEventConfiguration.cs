using Customers.Api.Audit;
using Customers.Api.Idempotency;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(e => e.Id).HasColumnName("audit_event_id");
        builder.Property(e => e.Action).HasMaxLength(50);
        builder.HasIndex(e => new { e.TenantId, e.At });
        builder.HasIndex(e => new { e.TenantId, e.Action, e.At });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.TenantId, r.UserId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(IdempotencyMiddleware.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(100);
        builder.Property(r => r.Location).HasMaxLength(300);
        builder.HasIndex(r => r.CreatedAt);
    }
}

public sealed class ImportJobConfiguration : IEntityTypeConfiguration<Customers.Import.ImportJob>
{
    public void Configure(EntityTypeBuilder<Customers.Import.ImportJob> builder)
    {
        builder.ToTable("import_jobs");
        builder.Property(j => j.Id).HasColumnName("import_job_id");
        builder.Property(j => j.Status).HasMaxLength(20);
        builder.Property(j => j.FileName).HasMaxLength(260);
        builder.Property(j => j.ClaimedBy).HasMaxLength(100);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.HasIndex(j => new { j.TenantId, j.CreatedAt });
        // The processors' queue: unfinished jobs by id.
        builder.HasIndex(j => new { j.Status, j.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(j => j.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ImportChunkConfiguration : IEntityTypeConfiguration<Customers.Import.ImportChunk>
{
    public void Configure(EntityTypeBuilder<Customers.Import.ImportChunk> builder)
    {
        builder.ToTable("import_chunks");
        builder.HasKey(c => new { c.TenantId, c.JobId, c.Sequence });
    }
}

public sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<Customers.Import.ImportRowError>
{
    public void Configure(EntityTypeBuilder<Customers.Import.ImportRowError> builder)
    {
        builder.ToTable("import_row_errors");
        builder.HasKey(e => new { e.TenantId, e.JobId, e.Row });
    }
}

public sealed class ReminderLogConfiguration : IEntityTypeConfiguration<Reminders.ReminderLog>
{
    public void Configure(EntityTypeBuilder<Reminders.ReminderLog> builder)
    {
        builder.ToTable("reminder_logs");
        builder.Property(l => l.Id).HasColumnName("reminder_log_id");
        builder.Property(l => l.Channel).HasMaxLength(10);
        builder.Property(l => l.Recipient).HasMaxLength(254);
        builder.Property(l => l.Status).HasMaxLength(10);
        builder.Property(l => l.Error).HasMaxLength(500);
        builder.HasIndex(l => new { l.TenantId, l.CustomerId, l.SentAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CustomerStatDeltaConfiguration : IEntityTypeConfiguration<CustomerStatDelta>
{
    public void Configure(EntityTypeBuilder<CustomerStatDelta> builder)
    {
        builder.ToTable("customer_stat_deltas");
        builder.Property(d => d.Id).HasColumnName("customer_stat_delta_id");
        builder.Property(d => d.Metric).HasMaxLength(40);
        builder.Property(d => d.Key).HasMaxLength(120);
        // Reads and compaction take one tenant's rows; nothing else is indexed, so appending stays cheap.
        builder.HasIndex(d => d.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
