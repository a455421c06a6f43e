namespace Customers.Api.Customers.Stats;

/// <summary>§6. Archived customers count only in archived and total; deleted ones nowhere.</summary>
public sealed record CustomerStatsResponse(
    int Total,
    int Active,
    int Archived,
    int WithLogin,
    int ReminderOptIn,
    IReadOnlyDictionary<string, int> ByReminderPreference,
    IReadOnlyList<PayingOrgCount> ByPayingOrg,
    int SplitPayment,
    int WithMedicalNotes,
    int WithMobilityRequirements,
    int NewThisMonth,
    ScheduleStats Schedule);
