namespace Customers.Api.Customers;

public static class CustomerMapping
{
    /// <summary>The customer as the API shows it; <paramref name="names"/> gives archived_by a name.</summary>
    public static CustomerResponse AsResponse(this Customer c, UserNames? names = null) => new(
        c.Id, c.TenantId, c.Name, c.Address, c.AddressLine2, c.City, c.County, c.Postcode, c.Phone, c.Email,
        c.PayingOrg, c.HasSplitPayment, TrimZeros(c.ProviderSplit), TrimZeros(c.PaymentSplit), WeeklySchedule.FromJson(c.Schedule),
        c.EmergencyContactName, c.EmergencyContactPhone, c.MedicalNotes, c.MedicationNotes, c.DriverNotes,
        c.MobilityRequirements, c.ReminderOptIn, c.ReminderPreference, c.IsLoginEnabled, c.Username,
        c.Archived, c.ArchivedAt, c.ArchivedBy, names?[c.ArchivedBy], c.CreatedAt, c.UpdatedAt)
    {
        DeletedAt = c.IsActive ? null : c.DeletedAt ?? c.UpdatedAt,
    };

    /// <summary>One customer as the API shows it, the name of whoever archived it looked up.</summary>
    public static async Task<CustomerResponse> ToResponseAsync(this Customer c, CustomersDbContext db, CancellationToken cancellationToken) =>
        c.AsResponse(await UserNames.LoadAsync(db, [c.ArchivedBy], cancellationToken));

    // PostgreSQL's numeric(5,2) reads back as 60.50; answer 60.5 on every provider.
    public static decimal? TrimZeros(decimal? value) => value / 1.0000000000000000000000000000m;
}
