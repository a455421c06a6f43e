namespace Customers.Api.Data;

/// <summary>How import jobs are claimed from the <c>import_jobs</c> table and how their batches commit.</summary>
public interface IImportJobClaims
{
    /// <summary>
    /// Claims the oldest unfinished job (an import to run, or one to revert) whose claim is free or expired for <paramref name="instanceId"/>
    /// until <paramref name="until"/>; null when there is none. Two instances never claim the same job.
    /// </summary>
    Task<ClaimedImportJob?> ClaimAsync(CustomersDbContext db, string instanceId, DateTime now, DateTime until, CancellationToken cancellationToken);

    /// <summary>Called first in each batch's transaction.</summary>
    Task BeginBatchAsync(CustomersDbContext db, CancellationToken cancellationToken);
}
