using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

public sealed class LoginThrottleConfiguration : IEntityTypeConfiguration<LoginThrottle>
{
    public void Configure(EntityTypeBuilder<LoginThrottle> builder)
    {
        builder.ToTable("login_throttles");
        builder.HasKey(t => new { t.UserId, t.Client });
        builder.Property(t => t.Client).HasMaxLength(LoginThrottles.MaxClientLength);
        builder.HasIndex(t => t.LastFailedAt);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
