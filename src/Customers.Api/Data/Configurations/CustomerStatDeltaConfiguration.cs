using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

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
