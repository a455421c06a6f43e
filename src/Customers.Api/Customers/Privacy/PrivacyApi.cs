using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Customers.Api.Customers.Privacy;

/// <summary>Subject access (everything held on one customer) and erasure (§7).</summary>
public static class PrivacyApi
{
    public static RouteGroupBuilder MapCustomerPrivacyApi(this RouteGroupBuilder customers)
    {
        customers.MapGet("/{id}/data-export", ExportAsync)
            .WithName("ExportCustomerData")
            .WithSummary("Everything held on one customer (record, reminder log, audit events) as one JSON document; a deleted customer's for admins")
            .ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapPost("/{id}/erase", EraseAsync)
            .WithName("EraseCustomer")
            .WithSummary("Irreversibly replace the customer's personal data, keeping an anonymous record (deleted customers too); admins only")
            .RequireAuthorization(Policies.TenantAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return customers;
    }

    public static async Task<Results<Ok<CustomerDataExport>, ProblemHttpResult>> ExportAsync(
        int tenantId, int id, ClaimsPrincipal user, IAuthorizationService authorization, CustomersDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // A deleted customer's data is still held until erased, so a subject access request
        // reaches it too; only admins see deleted customers (as in the deleted list).
        var customer = await db.Customers.IgnoreQueryFilters(["active"]).AsNoTracking()
            .FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id, cancellationToken);
        if (customer is null || (!customer.IsActive && !(await authorization.AuthorizeAsync(user, Policies.TenantAdmin)).Succeeded))
        {
            return Problems.NotFound($"Customer {id} not found");
        }
        var reminders = await db.ReminderLogs.AsNoTracking()
            .Where(l => l.TenantId == tenantId && l.CustomerId == id)
            .OrderByDescending(l => l.SentAt)
            .ToListAsync(cancellationToken);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.CustomerIds.Contains(id))
            .OrderByDescending(e => e.At)
            .ToListAsync(cancellationToken);
        var now = clock.UtcNow();
        db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.DataExport, [id], new { }, now));
        await db.SaveChangesAsync(cancellationToken);
        var names = await UserNames.LoadAsync(db, [customer.ArchivedBy, .. reminders.Select(r => r.SentBy), .. events.Select(e => e.ActorUserId)], cancellationToken);
        return TypedResults.Ok(new CustomerDataExport(
            customer.AsResponse(names),
            reminders.Select(r => ReminderLogResponse.From(r, names)).ToList(),
            events.Select(e => AuditEventResponse.From(e, names)).ToList(),
            now));
    }

    public static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> EraseAsync(
        int tenantId, int id, ClaimsPrincipal user, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Deleted customers too: their data is held until erased, and past the restore window erasure is the only way to remove it.
        var customer = await db.Customers.IgnoreQueryFilters(["active"]).FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id, cancellationToken);
        if (customer is null)
        {
            return Problems.NotFound($"Customer {id} not found");
        }
        if (customer.ErasedAt is not null)
        {
            return Problems.Conflict($"Customer {id} was already erased");
        }
        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ErasedElsewhere.ForgetAsync(db, customer, cancellationToken);
        Anonymise(customer, now);
        // Recipients in the reminder log, and old/new values in update events, are personal data too.
        await db.ReminderLogs.Where(l => l.TenantId == tenantId && l.CustomerId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Recipient, (string?)null), cancellationToken);
        await db.AuditEvents.Where(e => e.TenantId == tenantId && e.Action == AuditActions.Update && e.CustomerIds.Contains(id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, """{"erased":true}"""), cancellationToken);
        db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.Erase, [id], new { }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(customer.AsResponse());
    }

    /// <summary>Keeps what trip history and statistics need (id, tenant, paying org, dates); replaces the rest.</summary>
    private static void Anonymise(Customer c, DateTime now)
    {
        c.Name = $"Erased customer {c.Id}";
        c.Address = c.AddressLine2 = c.City = c.County = c.Postcode = c.Email = null;
        c.Phone = "";
        c.Schedule = null;
        c.EmergencyContactName = c.EmergencyContactPhone = null;
        c.MedicalNotes = c.MedicationNotes = c.DriverNotes = c.MobilityRequirements = null;
        c.ReminderOptIn = false;
        c.ReminderPreference = ReminderPreferences.Sms;
        c.IsLoginEnabled = false;
        c.Username = null;
        c.ErasedAt = now;
        c.UpdatedAt = now;
    }
}
