namespace Customers.Api.Customers;

/// <summary>A passenger of one tenant. Field rules live in <see cref="CustomerRules"/>.</summary>
public class Customer
{
    public int Id { get; set; }
    public int TenantId { get; set; }

    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? County { get; set; }
    public string? Postcode { get; set; }
    public string Phone { get; set; } = "";
    public string? Email { get; set; }
    public string? PayingOrg { get; set; }
    public bool HasSplitPayment { get; set; }
    public decimal? ProviderSplit { get; set; }
    public decimal? PaymentSplit { get; set; }

    /// <summary>Canonical JSON of the weekly schedule (jsonb on PostgreSQL).</summary>
    public string? Schedule { get; set; }

    public string? EmergencyContactName { get; set; }
    public string? EmergencyContactPhone { get; set; }
    public string? MedicalNotes { get; set; }
    public string? MedicationNotes { get; set; }
    public string? DriverNotes { get; set; }
    public string? MobilityRequirements { get; set; }
    public bool ReminderOptIn { get; set; }
    public string ReminderPreference { get; set; } = ReminderPreferences.Sms;
    public bool IsLoginEnabled { get; set; }
    public string? Username { get; set; }

    public bool Archived { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public int? ArchivedBy { get; set; }

    /// <summary>When the personal fields were erased (GDPR); the record stays as an anonymous shell.</summary>
    public DateTime? ErasedAt { get; set; }

    /// <summary>False once soft-deleted: hidden everywhere, kept for trip history.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>When it was soft-deleted: an admin may restore it within 30 days.</summary>
    public DateTime? DeletedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
