using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

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
