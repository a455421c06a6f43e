using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Customers.Api.Customers.Privacy;

/// <summary>
/// <c>GET /api/tenants/{tenantId}/compliance-report</c> (§7): a handful of set-based queries
/// (counts in one pass over the tenant's customers, events from the audit log, staff, retention
/// candidates), as JSON or as CSV with the export's conventions. Admins only; audited.
/// </summary>
public static class ComplianceReportApi
{
    public static RouteGroupBuilder MapComplianceReportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tenants/{tenantId}/compliance-report")
            .WithTags("Data protection")
            .RequireAuthorization(Policies.TenantMember, Policies.TenantAdmin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", GetAsync)
            .WithName("GetComplianceReport")
            .WithSummary("The tenant's data-protection report for a period (default the last 12 months); CSV with Accept: text/csv; admins only")
            .Produces<ComplianceReport>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<IResult> GetAsync(
        int tenantId,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        HttpContext http,
        ClaimsPrincipal user,
        CustomersDbContext db,
        IOptions<RetentionOptions> retention,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        var errors = new Dictionary<string, List<string>>();
        var toDate = ReadDate(to, "to", DateOnly.FromDateTime(now), errors);
        var fromDate = ReadDate(from, "from", toDate.AddMonths(-12).AddDays(1), errors);
        if (errors.Count == 0 && fromDate > toDate)
        {
            CustomerRules.AddError(errors, "from", "from must not be after to");
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (await db.IsUnknownTenantAsync(user, tenantId, cancellationToken))
        {
            return Problems.NotFound($"Tenant {tenantId} not found");
        }

        var report = await BuildAsync(db, tenantId, fromDate, toDate, retention.Value.Years, now, cancellationToken);
        db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.ComplianceReport, [],
            new { from = report.From, to = report.To, retention_candidates = report.RetentionCandidates.Count }, now));
        await db.SaveChangesAsync(cancellationToken);

        if (http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"compliance-report-{report.From}-{report.To}.csv\"";
            // A BOM first, as the export's, so that Excel reads the file as UTF-8.
            return TypedResults.Text("\uFEFF" + ToCsv(report), "text/csv; charset=utf-8");
        }
        return TypedResults.Ok(report);
    }

    public static async Task<ComplianceReport> BuildAsync(
        CustomersDbContext db, int tenantId, DateOnly from, DateOnly to, int retentionYears, DateTime now, CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Deleted customers too: until erased they still hold their personal data (restorable for
        // 30 days, kept after that for trip history), which is what a DPO must see.
        var held = db.Customers.IgnoreQueryFilters(["active"]).AsNoTracking().Where(c => c.TenantId == tenantId);

        // One pass over the tenant's customers for every count; consent is a live customer's.
        var counts = await held
            .GroupBy(c => 1)
            .Select(g => new
            {
                Special = g.Count(c => c.MedicalNotes != null || c.MedicationNotes != null),
                Sms = g.Count(c => c.IsActive && c.ReminderOptIn && c.ReminderPreference == ReminderPreferences.Sms),
                Email = g.Count(c => c.IsActive && c.ReminderOptIn && c.ReminderPreference == ReminderPreferences.Email),
                Both = g.Count(c => c.IsActive && c.ReminderOptIn && c.ReminderPreference == ReminderPreferences.Both),
            })
            .FirstOrDefaultAsync(cancellationToken);

        string[] actions = [AuditActions.DataExport, AuditActions.Erase, AuditActions.Export];
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TenantId == tenantId && actions.Contains(e.Action) && e.At >= start && e.At < end)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var names = await UserNames.LoadAsync(db, events.Select(e => e.ActorUserId), cancellationToken);
        List<ComplianceCustomerEvent> CustomerEvents(string action) => events.Where(e => e.Action == action)
            .Select(e => new ComplianceCustomerEvent(e.CustomerIds.Count > 0 ? e.CustomerIds[0] : null, e.At, e.ActorUserId, names[e.ActorUserId]))
            .ToList();
        var exports = events.Where(e => e.Action == AuditActions.Export).Select(e =>
        {
            using var details = JsonDocument.Parse(e.Details);
            var rows = details.RootElement.TryGetProperty("rows", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : (int?)null;
            JsonElement? filters = details.RootElement.TryGetProperty("filter", out var f) ? f.Clone() : null;
            return new ComplianceCustomerExport(e.At, e.ActorUserId, names[e.ActorUserId], rows, filters);
        }).ToList();

        // Who can open this tenant's records: its staff, and the platform's admins.
        var staff = await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && ((u.TenantId == tenantId && (u.Role == Roles.TenantAdmin || u.Role == Roles.OfficeStaff)) || u.Role == Roles.PlatformAdmin))
            .OrderBy(u => u.Role).ThenBy(u => u.Username)
            .Select(u => new ComplianceStaff(u.Id, u.Username, u.DisplayName, u.Role, u.LastLoginAt))
            .ToListAsync(cancellationToken);

        var cutoff = now.AddYears(-retentionYears);
        var candidates = await held
            .Where(c => c.ErasedAt == null && ((c.Archived && c.ArchivedAt < cutoff) || c.UpdatedAt < cutoff))
            .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.UpdatedAt, c.ArchivedAt, c.Archived, DeletedAt = c.IsActive ? (DateTime?)null : c.DeletedAt ?? c.UpdatedAt })
            .ToListAsync(cancellationToken);

        return new ComplianceReport(
            tenantId, Iso(from), Iso(to), now, retentionYears,
            counts?.Special ?? 0,
            new ReminderConsent(counts?.Sms ?? 0, counts?.Email ?? 0, counts?.Both ?? 0),
            CustomerEvents(AuditActions.DataExport),
            CustomerEvents(AuditActions.Erase),
            exports,
            staff,
            candidates.Select(c => new RetentionCandidate(c.Id, c.Name, c.UpdatedAt, c.ArchivedAt,
                c.Archived && c.ArchivedAt < cutoff ? "archived" : "unchanged", c.DeletedAt)).ToList());
    }

    /// <summary>One table for a spreadsheet: a section per row kind, the export's framing (BOM, CRLF, formula-safe cells).</summary>
    public static string ToCsv(ComplianceReport report)
    {
        var csv = new StringBuilder();
        void Row(params string?[] cells) =>
            csv.AppendJoin(',', cells.Select(c => CustomerCsv.Quote(CustomerCsv.Neutralise(c ?? "")))).Append("\r\n");
        static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        Row("Section", "Item", "Count", "Customer ID", "Name", "At", "By", "Role", "Details");
        Row("Report", "Tenant", null, null, null, null, null, null, Number(report.TenantId));
        Row("Report", "Period", null, null, null, null, null, null, $"{report.From} to {report.To}");
        Row("Report", "Generated at", null, null, null, Time(report.GeneratedAt), null, null, null);
        Row("Report", "Retention years", Number(report.RetentionYears), null, null, null, null, null, null);
        Row("Special-category data", "Customers with medical or medication notes", Number(report.SpecialCategoryCustomers), null, null, null, null, null, null);
        Row("Reminder consent", "sms", Number(report.ReminderConsent.Sms), null, null, null, null, null, null);
        Row("Reminder consent", "email", Number(report.ReminderConsent.Email), null, null, null, null, null, null);
        Row("Reminder consent", "both", Number(report.ReminderConsent.Both), null, null, null, null, null, null);
        foreach (var e in report.SubjectAccessExports)
        {
            Row("Subject access export", null, null, e.CustomerId?.ToString(CultureInfo.InvariantCulture), null, Time(e.At), e.ByName, null, null);
        }
        foreach (var e in report.Erasures)
        {
            Row("Erasure", null, null, e.CustomerId?.ToString(CultureInfo.InvariantCulture), null, Time(e.At), e.ByName, null, null);
        }
        foreach (var e in report.CustomerExports)
        {
            Row("Customer export", null, e.Rows?.ToString(CultureInfo.InvariantCulture), null, null, Time(e.At), e.ByName, null, e.Filters?.GetRawText());
        }
        foreach (var s in report.Staff)
        {
            Row("Staff", s.Username, null, null, s.DisplayName, s.LastLoginAt is { } at ? Time(at) : null, null, s.Role, null);
        }
        foreach (var c in report.RetentionCandidates)
        {
            Row("Retention candidate", c.Reason, null, c.CustomerId.ToString(CultureInfo.InvariantCulture), c.Name, Time(c.LastChangedAt), null, null,
                string.Join("; ", new[] { c.ArchivedAt is { } archived ? $"archived {Time(archived)}" : null, c.DeletedAt is { } deleted ? $"deleted {Time(deleted)}" : null }.OfType<string>()));
        }
        return csv.ToString();
    }

    private static DateOnly ReadDate(string? text, string field, DateOnly fallback, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        CustomerRules.AddError(errors, field, $"{field} must be a date as yyyy-MM-dd");
        return fallback;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
