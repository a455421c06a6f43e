using System.Security.Claims;
using System.Text;

namespace Customers.Api.Customers.Csv;

public static partial class CsvApi
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static RouteGroupBuilder MapCustomerCsvApi(this RouteGroupBuilder customers)
    {
        customers.MapGet("/export", ExportAsync)
            .WithName("ExportCustomers")
            .WithSummary("Download the customers matching the list filters as CSV (streamed)")
            .RequireRateLimiting(RateLimitRegistration.HeavyPolicy)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
        return customers;
    }

    public static IResult ExportAsync(
        int tenantId,
        [AsParameters] CustomerListQuery query,
        ClaimsPrincipal user,
        CustomersDbContext db,
        ICustomerSearch search,
        TimeProvider clock,
        ILoggerFactory loggers,
        HttpContext http)
    {
        var errors = new Dictionary<string, List<string>>();
        var filter = query.ToFilter(errors);
        if (query.Deleted is not null)
        {
            CustomerRules.AddError(errors, "deleted", "The export holds live customers only: deleted customers are listed by GET ?deleted=true");
        }
        if (filter is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var today = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{today}.csv\"";
        return TypedResults.Stream(
            body => WriteAsync(body, tenantId, filter, user.UserId(), db, search, clock, http, loggers.CreateLogger(typeof(CsvApi))),
            "text/csv; charset=utf-8");
    }

    /// <summary>
    /// Rows go from the database reader to the response as they come: memory stays flat at any
    /// size. The export is audited before its first byte (so one the client abandons half-way is
    /// on record too), and the event then says how it ended and how many rows went out.
    /// </summary>
    private static async Task WriteAsync(
        Stream body, int tenantId, CustomerFilter filter, int? userId, CustomersDbContext db, ICustomerSearch search, TimeProvider clock,
        HttpContext http, ILogger logger)
    {
        var cancellationToken = http.RequestAborted;
        var audit = AuditEvent.Create(tenantId, userId, AuditActions.Export, [], ExportDetails(filter, "started", null), clock.UtcNow());
        db.AuditEvents.Add(audit);
        await db.SaveChangesAsync(CancellationToken.None);

        var count = 0;
        var outcome = "failed";
        try
        {
            await body.WriteAsync(Utf8Bom, cancellationToken);
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 64 * 1024) { NewLine = "\r\n" };
            await writer.WriteLineAsync(CustomerCsv.HeaderLine());

            var rows = db.Customers.AsNoTracking()
                .Where(c => c.TenantId == tenantId && c.IsActive)
                .Filter(filter, search)
                .OrderBy(c => c.Id)
                .AsAsyncEnumerable();
            var line = new StringBuilder(1024);
            var schedules = new Dictionary<string, string?>(StringComparer.Ordinal);
            await foreach (var customer in rows.WithCancellation(cancellationToken))
            {
                line.Clear();
                CustomerCsv.AppendRecord(line, customer, schedules);
                line.Append("\r\n");
                await writer.WriteAsync(line, cancellationToken);
                count++;
            }
            await writer.FlushAsync(cancellationToken);
            outcome = "completed";
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "aborted";
            throw;
        }
        catch (Exception e)
        {
            // The 200 and some rows have gone: no error status can follow them. Breaking the
            // connection is how the client learns that the file is incomplete.
            LogExportFailed(logger, e, tenantId, count);
            http.Abort();
        }
        finally
        {
            // The event is still tracked (the rows were read without tracking): saved as an update.
            audit.Details = AuditEvent.SerializeDetails(ExportDetails(filter, outcome, count));
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(LogLevel.Error, "Export of tenant {TenantId} failed after {Rows} row(s); the connection was broken so the file is seen as incomplete")]
    private static partial void LogExportFailed(ILogger logger, Exception exception, int tenantId, int rows);

    /// <summary>
    /// The filters as given, except the search text: it may be a person's name, so the event only
    /// says that there was one. <paramref name="rows"/> counts rows the export wrote (null until it ends).
    /// </summary>
    private static object ExportDetails(CustomerFilter filter, string outcome, int? rows) =>
        new
        {
            outcome,
            rows,
            filter = new
            {
                search_used = filter.Search is not null,
                filter.PayingOrg,
                filter.IsLoginEnabled,
                archived = filter.Archived.ToString().ToLowerInvariant(),
            },
        };
}
