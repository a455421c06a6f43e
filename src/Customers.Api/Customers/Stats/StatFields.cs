using System.Linq.Expressions;

namespace Customers.Api.Customers.Stats;

/// <summary>The fields of a customer that the statistics count.</summary>
public readonly record struct StatFields(
    bool IsActive,
    bool Archived,
    bool IsLoginEnabled,
    bool ReminderOptIn,
    string ReminderPreference,
    string? PayingOrg,
    bool HasSplitPayment,
    bool HasMedicalNotes,
    bool HasMobilityRequirements,
    DateTime CreatedAt,
    string? Schedule)
{
    /// <summary>The counted fields of a customer, as an expression: a recount selects just these columns.</summary>
    public static readonly Expression<Func<Customer, StatFields>> Projection = c => new StatFields(
        c.IsActive, c.Archived, c.IsLoginEnabled, c.ReminderOptIn, c.ReminderPreference, c.PayingOrg, c.HasSplitPayment,
        c.MedicalNotes != null, c.MobilityRequirements != null, c.CreatedAt, c.Schedule);

    private static readonly Func<Customer, StatFields> OfCustomer = Projection.Compile();

    public static StatFields Of(Customer c) => OfCustomer(c);

    /// <summary>
    /// The counters this customer adds one to (§6): deleted customers count nowhere, archived ones
    /// only in total and archived, the rest in every figure that applies.
    /// </summary>
    public IEnumerable<(string Metric, string Key)> Counters()
    {
        if (!IsActive)
        {
            yield break;
        }
        yield return (StatCounters.Total, "");
        if (Archived)
        {
            yield return (StatCounters.ArchivedCount, "");
            yield break;
        }
        if (IsLoginEnabled)
        {
            yield return (StatCounters.WithLogin, "");
        }
        if (ReminderOptIn)
        {
            yield return (StatCounters.ReminderOptIn, "");
        }
        yield return (StatCounters.ReminderPreference, ReminderPreference);
        yield return PayingOrg is null ? (StatCounters.NoPayingOrg, "") : (StatCounters.PayingOrg, PayingOrg);
        if (HasSplitPayment)
        {
            yield return (StatCounters.SplitPayment, "");
        }
        if (HasMedicalNotes)
        {
            yield return (StatCounters.WithMedicalNotes, "");
        }
        if (HasMobilityRequirements)
        {
            yield return (StatCounters.WithMobilityRequirements, "");
        }
        yield return (StatCounters.CreatedMonth, StatCounters.Month(CreatedAt));
        if (Schedule is not null)
        {
            yield return (StatCounters.WithSchedule, "");
            foreach (var trip in Trips(Schedule))
            {
                yield return (StatCounters.Trip, trip);
            }
        }
    }

    /// <summary>"monday 08:30" for each day of the stored schedule.</summary>
    private static List<string> Trips(string schedule)
    {
        using var document = JsonDocument.Parse(schedule);
        var trips = new List<string>(7);
        foreach (var day in document.RootElement.EnumerateObject())
        {
            if (day.Value.ValueKind == JsonValueKind.Object && day.Value.TryGetProperty("pickup_time", out var pickup) && pickup.ValueKind == JsonValueKind.String)
            {
                trips.Add($"{day.Name} {pickup.GetString()}");
            }
        }
        return trips;
    }
}
