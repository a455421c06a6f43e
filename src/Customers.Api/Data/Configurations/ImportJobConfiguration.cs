using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

public sealed class ImportJobConfiguration : IEntityTypeConfiguration<Customers.Import.ImportJob>
{
    public void Configure(EntityTypeBuilder<Customers.Import.ImportJob> builder)
    {
        builder.ToTable("import_jobs");
        builder.Property(j => j.Id).HasColumnName("import_job_id");
        builder.Property(j => j.Status).HasMaxLength(20);
        builder.Property(j => j.FileName).HasMaxLength(260);
        builder.Property(j => j.Encoding).HasMaxLength(20).HasDefaultValue(ImportFile.Utf8);
        builder.Property(j => j.ClaimedBy).HasMaxLength(100);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.HasIndex(j => new { j.TenantId, j.CreatedAt });
        // The processors' queue: unfinished jobs by id.
        builder.HasIndex(j => new { j.Status, j.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(j => j.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
