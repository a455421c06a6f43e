namespace Customers.Api.Data;

/// <summary>
/// Archive, unarchive or soft-delete many customers in one statement, then write what
/// <c>summarise</c> makes of the changed rows (counter changes and the audit event, if any) in the same
/// transaction, which this opens and commits itself. An exception from <c>summarise</c> rolls it all back.
/// </summary>
public interface ICustomerStateChanger
{
    Task ChangeAsync(
        CustomersDbContext db,
        CustomerStateChange change,
        Func<IReadOnlyList<ChangedCustomer>, Task<(StatChanges Changes, AuditEvent? Audit)>> summarise,
        CancellationToken cancellationToken);
}
