using System.Text;

namespace Customers.Api.Customers.Privacy;

/// <summary>
/// Copies of an erased customer's personal data outside their record: stored responses kept for
/// Idempotency-Key replays, and failed import rows kept for the error file.
/// </summary>
public static class ErasedElsewhere
{
    /// <summary>What a retry of a request whose stored answer named an erased customer gets instead.</summary>
    private static readonly byte[] GoneBody = Encoding.UTF8.GetBytes(
        """{"status":410,"title":"Gone","detail":"The answer to this request named a customer whose personal data has since been erased","error":"The answer to this request named a customer whose personal data has since been erased"}""");

    /// <summary>Run before the customer is anonymised, in the erasure's transaction.</summary>
    public static async Task ForgetAsync(CustomersDbContext db, Customer customer, CancellationToken cancellationToken)
    {
        var tenantId = customer.TenantId;
        // Stored answers (kept 24 hours) that name the customer: a retry gets 410, and is not run
        // again (which would re-create what was erased).
        var markers = new[] { $"\"customer_id\":{customer.Id},", $"\"customerId\":{customer.Id},", customer.Name }
            .Select(Encoding.UTF8.GetBytes).ToList();
        var stored = await db.IdempotencyRecords
            .Where(r => r.TenantId == tenantId && r.Body != null)
            .ToListAsync(cancellationToken);
        foreach (var record in stored.Where(r => markers.Any(m => r.Body.AsSpan().IndexOf(m) >= 0)))
        {
            record.StatusCode = StatusCodes.Status410Gone;
            record.ContentType = "application/problem+json";
            record.Body = GoneBody;
            record.Location = null;
        }

        // Failed import rows with the customer's name or email (as uploaded, so by their text).
        var name = customer.Name;
        var email = customer.Email;
        await db.ImportRowErrors
            .Where(e => e.TenantId == tenantId && (e.Cells.Contains(name) || (email != null && e.Cells.Contains(email))))
            .ExecuteDeleteAsync(cancellationToken);

        // Old values an import's revert would put back.
        var customerId = customer.Id;
        await db.ImportUpdatedRows
            .Where(r => r.TenantId == tenantId && r.CustomerId == customerId)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
