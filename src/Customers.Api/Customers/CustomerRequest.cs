using System.Text.Json.Serialization;

namespace Customers.Api.Customers;

/// <summary>
/// The body of create and update, for the OpenAPI document. Handlers read the raw JSON through
/// <see cref="CustomerRules.ReadPatch"/> so they can tell an absent field from a null one and
/// report every bad field at once; this type only describes the shape. On create, name and
/// phone are required; on update, only the fields sent change.
/// </summary>
public record CustomerRequest
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    [JsonPropertyName("address_line_2")] public string? AddressLine2 { get; init; }
    public string? City { get; init; }
    public string? County { get; init; }
    public string? Postcode { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? PayingOrg { get; init; }
    public bool? HasSplitPayment { get; init; }
    public decimal? ProviderSplit { get; init; }
    public decimal? PaymentSplit { get; init; }
    public WeeklySchedule? Schedule { get; init; }
    public string? EmergencyContactName { get; init; }
    public string? EmergencyContactPhone { get; init; }
    public string? MedicalNotes { get; init; }
    public string? MedicationNotes { get; init; }
    public string? DriverNotes { get; init; }
    public string? MobilityRequirements { get; init; }
    public bool? ReminderOptIn { get; init; }
    public string? ReminderPreference { get; init; }
    public bool? IsLoginEnabled { get; init; }
    public string? Username { get; init; }
}
