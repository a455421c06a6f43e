namespace Customers.Api.Customers;

/// <summary>
/// The body of create and update, for the OpenAPI document. Handlers read the raw JSON through
/// <see cref="CustomerRules.ReadPatch"/> so they can tell an absent field from a null one and
/// report every bad field at once; this record only describes the shape.
/// </summary>
public sealed record CustomerRequest(
    string? Name,
    string? Address,
    [property: System.Text.Json.Serialization.JsonPropertyName("address_line_2")] string? AddressLine2,
    string? City,
    string? County,
    string? Postcode,
    string? Phone,
    string? Email,
    string? PayingOrg,
    bool? HasSplitPayment,
    decimal? ProviderSplit,
    decimal? PaymentSplit,
    WeeklySchedule? Schedule,
    string? EmergencyContactName,
    string? EmergencyContactPhone,
    string? MedicalNotes,
    string? MedicationNotes,
    string? DriverNotes,
    string? MobilityRequirements,
    bool? ReminderOptIn,
    string? ReminderPreference,
    bool? IsLoginEnabled,
    string? Username);
