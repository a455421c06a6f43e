using Customers.Api.Customers.Import;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

public sealed class ImportCreatedBatchConfiguration : IEntityTypeConfiguration<ImportCreatedBatch>
{
    public void Configure(EntityTypeBuilder<ImportCreatedBatch> builder)
    {
        builder.ToTable("import_created_batches");
        builder.HasKey(b => new { b.TenantId, b.JobId, b.FirstRow });
    }
}

public sealed class ImportUpdatedRowConfiguration : IEntityTypeConfiguration<ImportUpdatedRow>
{
    public void Configure(EntityTypeBuilder<ImportUpdatedRow> builder)
    {
        builder.ToTable("import_updated_rows");
        builder.HasKey(r => new { r.TenantId, r.JobId, r.Row });
        // An erasure finds the customer's old values by customer.
        builder.HasIndex(r => new { r.TenantId, r.CustomerId });
    }
}
