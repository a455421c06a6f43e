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
    DateTime CreatedAt,
    DateTime UpdatedAt);

public static class CustomerMapping
{
    public static CustomerResponse AsResponse(this Customer c) => new(
        c.Id, c.TenantId, c.Name, c.Address, c.AddressLine2, c.City, c.County, c.Postcode, c.Phone, c.Email,
        c.PayingOrg, c.HasSplitPayment, TrimZeros(c.ProviderSplit), TrimZeros(c.PaymentSplit), WeeklySchedule.FromJson(c.Schedule),
        c.EmergencyContactName, c.EmergencyContactPhone, c.MedicalNotes, c.MedicationNotes, c.DriverNotes,
        c.MobilityRequirements, c.ReminderOptIn, c.ReminderPreference, c.IsLoginEnabled, c.Username,
        c.Archived, c.ArchivedAt, c.ArchivedBy, c.CreatedAt, c.UpdatedAt);

    // PostgreSQL's numeric(5,2) reads back as 60.50; answer 60.5 on every provider.
    public static decimal? TrimZeros(decimal? value) => value / 1.0000000000000000000000000000m;
}

public sealed record CustomerListResponse(IReadOnlyList<CustomerResponse> Customers, Pagination Pagination);

public sealed record Pagination(
    int Page,
    int Limit,
    int Total,
    [property: System.Text.Json.Serialization.JsonPropertyName("totalPages")] int TotalPages);

public sealed record UsernameCheckResponse(string Username, bool Valid, bool Available, string? Reason);
