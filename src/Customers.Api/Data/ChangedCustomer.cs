namespace Customers.Api.Data;

/// <summary>A changed customer as it now is: enough for the response and the statistics counters.</summary>
public sealed record ChangedCustomer(
    int Id, string Name, bool Archived, bool IsLoginEnabled, bool ReminderOptIn, string ReminderPreference, string? PayingOrg,
    bool HasSplitPayment, bool HasMedicalNotes, bool HasMobilityRequirements, DateTime CreatedAt, string? Schedule)
{
    public StatFields Fields(bool isActive) => new(isActive, Archived, IsLoginEnabled, ReminderOptIn, ReminderPreference, PayingOrg,
        HasSplitPayment, HasMedicalNotes, HasMobilityRequirements, CreatedAt, Schedule);
}
