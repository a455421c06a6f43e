using System.Text.Json.Serialization;

namespace Customers.Web.Api;

/// <summary>One customer as the API returns it (§3).</summary>
public sealed record CustomerResponse(
    int CustomerId,
    int TenantId,
    string Name,
    string? Address,
    [property: JsonPropertyName("address_line_2")] string? AddressLine2,
    string? City,
    string? County,
    string? Postcode,
    string Phone,
    string? Email,
    string? PayingOrg,
    bool HasSplitPayment,
    decimal? ProviderSplit,
    decimal? PaymentSplit,
    Dictionary<string, ScheduleDay>? Schedule,
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
    /// <summary>Only in the deleted-customers list.</summary>
    public DateTime? DeletedAt { get; init; }

    /// <summary>An erased customer keeps only this name (§7): there is nothing left to erase.</summary>
    public bool IsErased => Name.StartsWith("Erased customer ", StringComparison.Ordinal);
}
