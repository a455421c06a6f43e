using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Customers.Api.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("customer_id");

        builder.Property(c => c.Name).HasMaxLength(CustomerRules.NameMaxLength);
        builder.Property(c => c.Address).HasMaxLength(CustomerRules.AddressMaxLength);
        builder.Property(c => c.AddressLine2).HasMaxLength(CustomerRules.AddressMaxLength).HasColumnName("address_line_2");
        builder.Property(c => c.City).HasMaxLength(CustomerRules.AddressMaxLength);
        builder.Property(c => c.County).HasMaxLength(CustomerRules.AddressMaxLength);
        builder.Property(c => c.Postcode).HasMaxLength(10);
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.Email).HasMaxLength(CustomerRules.EmailMaxLength);
        builder.Property(c => c.PayingOrg).HasMaxLength(CustomerRules.PayingOrgMaxLength);
        builder.Property(c => c.ProviderSplit).HasPrecision(5, 2);
        builder.Property(c => c.PaymentSplit).HasPrecision(5, 2);
        builder.Property(c => c.EmergencyContactName).HasMaxLength(CustomerRules.NameMaxLength);
        builder.Property(c => c.EmergencyContactPhone).HasMaxLength(20);
        builder.Property(c => c.MedicalNotes).HasMaxLength(CustomerRules.NotesMaxLength);
        builder.Property(c => c.MedicationNotes).HasMaxLength(CustomerRules.NotesMaxLength);
        builder.Property(c => c.DriverNotes).HasMaxLength(CustomerRules.NotesMaxLength);
        builder.Property(c => c.MobilityRequirements).HasMaxLength(CustomerRules.NotesMaxLength);
        builder.Property(c => c.ReminderPreference).HasMaxLength(10);
        builder.Property(c => c.Username).HasMaxLength(CustomerRules.UsernameMaxLength);

        // The list's sorts; each index leads with tenant_id and is partial on is_active (every
        // query asks for live customers, and a soft delete then writes no entry into them).
        // None covers archived, archived_at, archived_by or updated_at, so archiving, unarchiving
        // and edits of unindexed fields are heap-only updates that write no index entry at all
        // when the page has room: docs/adr/20261123-fillfactor-50-for-heap-only-updates.md
        builder.HasIndex(c => new { c.TenantId, c.Name }).HasFilter("is_active");
        builder.HasIndex(c => new { c.TenantId, c.CreatedAt }).HasFilter("is_active");
        builder.HasIndex(c => new { c.TenantId, c.Postcode }).HasFilter("is_active");
        // Duplicate detection (name + phone) looks at every live customer, archived ones included.
        builder.HasIndex(c => new { c.TenantId, c.Phone }).HasFilter("is_active");
        // Usernames are unique among the tenant's live customers; a soft-deleted one frees its name.
        builder.HasIndex(c => new { c.TenantId, c.Username })
            .IsUnique()
            .HasFilter("username IS NOT NULL AND is_active")
            .HasDatabaseName("ux_customers_tenant_username");

        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);

        // Backstop: nothing soft-deleted escapes a query that forgets its own predicate.
        builder.HasQueryFilter("active", c => c.IsActive);
    }
}

