using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

public sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<Customers.Import.ImportRowError>
{
    public void Configure(EntityTypeBuilder<Customers.Import.ImportRowError> builder)
    {
        builder.ToTable("import_row_errors");
        builder.HasKey(e => new { e.TenantId, e.JobId, e.Row });
    }
}
