namespace Customers.Api.Audit;

/// <summary>What an update changed, for the audit log: old and new values per field, except health text.</summary>
public static class CustomerChanges
{
    // Health details are recorded as changed, never copied into the log.
    private static readonly HashSet<string> Sensitive = ["medical_notes", "medication_notes"];

    /// <summary>Reads EF Core's change tracking for a modified customer, before SaveChanges.</summary>
    public static Dictionary<string, object?> Describe(CustomersDbContext db, Customer customer)
    {
        var changes = new Dictionary<string, object?>();
        db.ChangeTracker.DetectChanges();
        foreach (var property in db.Entry(customer).Properties.Where(p => p.IsModified))
        {
            var column = property.Metadata.GetColumnName();
            if (column is "updated_at")
            {
                continue;
            }
            changes[column] = Sensitive.Contains(column)
                ? new { changed = true }
                : new { old = property.OriginalValue, @new = property.CurrentValue };
        }
        return changes;
    }
}
