namespace Customers.Api.Customers.Stats;

/// <summary>Net changes to a tenant's counters, summed before they are written.</summary>
public sealed class StatChanges
{
    // Customers with the same counted fields (the usual case in a bulk write) are summed first
    // and expanded into counters, schedule parsed, once per distinct set of fields.
    private readonly Dictionary<(int TenantId, StatFields Fields), int> customers = [];

    public void Add(int tenantId, StatFields customer, int sign)
    {
        // Only the month of created_at is counted.
        var key = (tenantId, customer with { CreatedAt = new DateTime(customer.CreatedAt.Year, customer.CreatedAt.Month, 1, 0, 0, 0, DateTimeKind.Utc) });
        customers[key] = customers.GetValueOrDefault(key) + sign;
    }

    /// <summary>A customer went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Change(int tenantId, StatFields before, StatFields after)
    {
        Add(tenantId, before, -1);
        Add(tenantId, after, +1);
    }

    public List<CustomerStatDelta> ToRows()
    {
        var deltas = new Dictionary<(int TenantId, string Metric, string Key), int>();
        foreach (var ((tenantId, fields), count) in customers)
        {
            if (count == 0)
            {
                continue;
            }
            foreach (var (metric, key) in fields.Counters())
            {
                deltas[(tenantId, metric, key)] = deltas.GetValueOrDefault((tenantId, metric, key)) + count;
            }
        }
        return deltas
            .Where(d => d.Value != 0)
            .Select(d => new CustomerStatDelta { TenantId = d.Key.TenantId, Metric = d.Key.Metric, Key = d.Key.Key, Delta = d.Value })
            .ToList();
    }
}
