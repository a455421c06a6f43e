using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

public sealed class ImportChunkConfiguration : IEntityTypeConfiguration<Customers.Import.ImportChunk>
{
    public void Configure(EntityTypeBuilder<Customers.Import.ImportChunk> builder)
    {
        builder.ToTable("import_chunks");
        builder.HasKey(c => new { c.TenantId, c.JobId, c.Sequence });
    }
}
