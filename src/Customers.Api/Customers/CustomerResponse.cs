namespace Customers.Api.Customers;

/// <summary>One customer as the API returns it (snake_case on the wire).</summary>
public sealed record CustomerResponse(
    int CustomerId,
    int TenantId,
    string Name,
    string? Address,
    [property: System.Text.Json.Serialization.JsonPropertyName("address_line_2")] string? AddressLine2,
    string? City,
    string? County,
    string? Postcode,
    string Phone,
    string? Email,
    string? PayingOrg,
    bool HasSplitPayment,
    decimal? ProviderSplit,
    decimal? PaymentSplit,
    WeeklySchedule? Schedule,
    string? EmergencyContactName,
    string? EmergencyContactPhone,
    string? MedicalNotes,
    string? MedicationNotes,
    string? DriverNotes,
    string? MobilityRequirements,
    bool ReminderOptIn,
    string ReminderPreference,
    bool IsLoginEnabled,
    string? Username,
    bool Archived,
    DateTime? ArchivedAt,
    int? ArchivedBy,
    string? ArchivedByName,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>Only in the deleted-customers list (<c>?deleted=true</c>): when it was deleted.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? DeletedAt { get; init; }
}
