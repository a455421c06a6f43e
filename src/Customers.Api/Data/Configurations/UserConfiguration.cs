using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Id).HasColumnName("user_id");
        builder.Property(u => u.Username).HasMaxLength(100);
        builder.Property(u => u.Role).HasMaxLength(20);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        // Login is by username alone, so it is unique across the platform.
        builder.HasIndex(u => u.Username).IsUnique();
        builder.HasIndex(u => new { u.TenantId, u.Role });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
