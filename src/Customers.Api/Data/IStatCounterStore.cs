namespace Customers.Api.Data;

/// <summary>How each provider writes, folds and locks the statistics counters (<see cref="StatCounters"/>).</summary>
public interface IStatCounterStore
{
    /// <summary>Appends counter rows, and the write's audit event if any, inside the caller's transaction.</summary>
    Task WriteAsync(CustomersDbContext db, IReadOnlyList<CustomerStatDelta> rows, AuditEvent? audit, CancellationToken cancellationToken);

    /// <summary>Folds the tenant's rows into one per counter.</summary>
    Task CompactAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken);

    /// <summary>The isolation under which a recount's count and delete see one snapshot.</summary>
    System.Data.IsolationLevel RecountIsolation { get; }

    /// <summary>Held while start-up fills missing counters, so that two instances starting together do not both count.</summary>
    Task<IAsyncDisposable> LockForFillAsync(CustomersDbContext db, CancellationToken cancellationToken);
}
