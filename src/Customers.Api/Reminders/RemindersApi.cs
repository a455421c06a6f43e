using System.Security.Claims;

namespace Customers.Api.Reminders;

/// <summary>Reminder settings, sending a reminder now, and the log of every attempt (§7).</summary>
public static class RemindersApi
{
    public const int MaxMessageLength = 1000;
    private static readonly string[] SettingsFields = ["reminder_opt_in", "reminder_preference"];

    public static RouteGroupBuilder MapCustomerRemindersApi(this RouteGroupBuilder customers)
    {
        customers.MapGet("/{id}/reminders", ListAsync)
            .WithMetadata(new CustomerPortalAccess())
            .WithName("ListReminders")
            .WithSummary("Every reminder attempt for the customer, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapPut("/{id}/reminder-settings", UpdateSettingsAsync)
            .WithName("UpdateReminderSettings")
            .WithSummary("Change reminder_opt_in and reminder_preference (portal customers may change their own)")
            .Accepts<ReminderSettingsRequest>("application/json")
            .WithMetadata(new CustomerPortalAccess())
            .ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapPost("/{id}/reminders", SendAsync)
            .WithName("SendReminder")
            .WithSummary("Send a reminder now through the customer's preferred channels; every attempt is logged")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return customers;
    }

    public static async Task<Results<Ok<ReminderListResponse>, ProblemHttpResult>> ListAsync(
        int tenantId, int id, CustomersDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.TenantId == tenantId && c.Id == id && c.IsActive, cancellationToken))
        {
            return Problems.NotFound($"Customer {id} not found");
        }
        var logs = await db.ReminderLogs.AsNoTracking()
            .Where(l => l.TenantId == tenantId && l.CustomerId == id)
            .OrderByDescending(l => l.SentAt).ThenByDescending(l => l.Id)
            .ToListAsync(cancellationToken);
        var names = await UserNames.LoadAsync(db, logs.Select(l => l.SentBy), cancellationToken);
        return TypedResults.Ok(new ReminderListResponse(logs.Select(l => ReminderLogResponse.From(l, names)).ToList()));
    }

    public static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> UpdateSettingsAsync(
        int tenantId, int id, JsonElement body, ClaimsPrincipal user, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        // A name that is not text is reported by ReadPatch; reading it here would throw.
        if (body.ValueKind == JsonValueKind.Object && JsonStrings.FindInvalid(body) is null)
        {
            foreach (var property in body.EnumerateObject().Where(p => !SettingsFields.Contains(p.Name)))
            {
                CustomerRules.AddError(errors, property.Name, $"Only {string.Join(" and ", SettingsFields)} can be changed here");
            }
        }
        var patch = CustomerRules.ReadPatch(body, creating: false, errors);
        if (errors.Count == 0 && patch.IsEmpty)
        {
            CustomerRules.AddError(errors, "body", $"Give {string.Join(" and/or ", SettingsFields)}");
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id && c.IsActive, cancellationToken);
        if (customer is null)
        {
            return Problems.NotFound($"Customer {id} not found");
        }
        CustomerRules.Apply(patch, customer);
        CustomerRules.ValidateCombination(customer, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var changes = CustomerChanges.Describe(db, customer);
        customer.UpdatedAt = clock.UtcNow();
        db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.Update, [id], new { changes }, customer.UpdatedAt));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await customer.ToResponseAsync(db, cancellationToken));
    }

    public static async Task<Results<Ok<ReminderListResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        int tenantId,
        int id,
        SendReminderRequest request,
        ClaimsPrincipal user,
        CustomersDbContext db,
        IEmailSender email,
        ISmsSender sms,
        TimeProvider clock,
        CustomersMetrics metrics,
        CancellationToken cancellationToken)
    {
        var message = request.Message is null ? "" : TextCleaner.Clean(request.Message, multiline: true);
        if (message.Length is 0 or > MaxMessageLength)
        {
            return Problems.Validation(new Dictionary<string, List<string>>
            {
                ["message"] = [$"message is required, at most {MaxMessageLength} characters"],
            });
        }
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id && c.IsActive, cancellationToken);
        if (customer is null)
        {
            return Problems.NotFound($"Customer {id} not found");
        }
        if (!customer.ReminderOptIn)
        {
            return Problems.Conflict($"Customer {id} has not opted in to reminders");
        }

        var attempts = new List<ReminderLog>();
        if (customer.ReminderPreference is ReminderPreferences.Sms or ReminderPreferences.Both)
        {
            var mobile = PhoneRules.IsMobile(customer.Phone) ? customer.Phone : null;
            var result = mobile is null
                ? new SendResult(true, "The customer has no mobile number")
                : await sms.SendAsync(mobile, message, cancellationToken);
            attempts.Add(Log(ReminderChannels.Sms, mobile, result));
        }
        if (customer.ReminderPreference is ReminderPreferences.Email or ReminderPreferences.Both)
        {
            var result = customer.Email is null
                ? new SendResult(true, "The customer has no email address")
                : await email.SendAsync(customer.Email, "Transport reminder", message, cancellationToken);
            attempts.Add(Log(ReminderChannels.Email, customer.Email, result));
        }
        db.ReminderLogs.AddRange(attempts);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var attempt in attempts)
        {
            metrics.Reminder(attempt.Channel, attempt.Status);
        }
        var senders = await UserNames.LoadAsync(db, [user.UserId()], cancellationToken);
        return TypedResults.Ok(new ReminderListResponse(attempts.Select(l => ReminderLogResponse.From(l, senders)).ToList()));

        ReminderLog Log(string channel, string? recipient, SendResult result) => new()
        {
            TenantId = tenantId,
            CustomerId = id,
            Channel = channel,
            Recipient = recipient,
            Status = result.Status,
            Error = result.Error is { Length: > 500 } tooLong ? tooLong[..500] : result.Error,
            SentAt = clock.UtcNow(),
            SentBy = user.UserId(),
        };
    }
}
