using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Customers.Api.Customers.Portal;

/// <summary>
/// Customer portal accounts (SPEC §2): staff invite a customer (a one-time link, e-mailed and
/// returned), the customer sets a password with it, then signs in with tenant, username and
/// password. The portal login is a user row of role customer pointing at the customer.
/// </summary>
public static partial class PortalApi
{
    public const string InvalidInvitation = "The invitation link is invalid, already used, replaced by a newer one or expired: ask for a new one";

    public static RouteGroupBuilder MapCustomerPortalApi(this RouteGroupBuilder customers)
    {
        customers.MapPost("/{id}/portal-invitation", InviteAsync)
            .WithName("InviteCustomerToPortal")
            .WithSummary("Send the customer a one-time link (7 days) to set their portal password; a newer one voids older ones")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return customers;
    }

    public static RouteGroupBuilder MapPortalPasswordApi(this RouteGroupBuilder auth)
    {
        auth.MapPost("/set-password", SetPasswordAsync)
            .WithName("SetPortalPassword")
            .WithSummary("Set a portal customer's password with the token of their invitation; spends the token")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitRegistration.LoginPolicy);
        return auth;
    }

    public static async Task<Results<Ok<PortalInvitationResponse>, ProblemHttpResult>> InviteAsync(
        int tenantId,
        int id,
        ClaimsPrincipal caller,
        CustomersDbContext db,
        IEmailSender email,
        IOptions<PortalOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id && c.IsActive, cancellationToken);
        if (customer is null)
        {
            return Problems.NotFound($"Customer {id} not found");
        }
        if (!customer.IsLoginEnabled || customer.Username is null || customer.Archived)
        {
            return Problems.Conflict(customer.Archived
                ? $"Customer {id} is archived: unarchive them before inviting them to the portal"
                : $"Customer {id} needs is_login_enabled and a username before an invitation");
        }

        var now = clock.UtcNow();
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.TenantId == tenantId && u.CustomerId == id && u.Role == Roles.Customer, cancellationToken);
        if (user is null)
        {
            // Customers sign in by tenant and the customer's username; this row's own username only
            // has to be unique across the platform, and is never typed.
            user = new User { Username = $"customer:{tenantId}:{id}", Role = Roles.Customer, TenantId = tenantId, CustomerId = id, PasswordHash = "", CreatedAt = now };
            db.Users.Add(user);
            await db.SaveChangesAsync(cancellationToken);
        }
        // A newer invitation voids the older ones.
        await db.PortalInvitations.Where(i => i.UserId == user.Id && i.SpentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.SpentAt, now), cancellationToken);
        var invitation = new PortalInvitation
        {
            TenantId = tenantId, CustomerId = id, UserId = user.Id, TokenHash = Hash(token),
            CreatedAt = now, CreatedBy = caller.UserId(), ExpiresAt = now + options.Value.InvitationLifetime,
        };
        db.PortalInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var url = options.Value.InvitationUrl.Replace("{token}", token, StringComparison.Ordinal);
        var sent = new SendResult(false, "The customer has no email address");
        if (customer.Email is not null)
        {
            sent = await email.SendAsync(customer.Email, "Your passenger portal invitation",
                $"Hello {customer.Name},\r\n\r\nSet your password for the passenger portal with this link (valid for 7 days, once):\r\n{url}\r\n\r\nYour username is {customer.Username}.\r\n",
                cancellationToken);
        }
        // The token is not recorded, only that an invitation was made and whether it was e-mailed.
        db.AuditEvents.Add(AuditEvent.Create(tenantId, caller.UserId(), AuditActions.PortalInvitation, [id], new { email_status = sent.Status, expires_at = invitation.ExpiresAt }, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new PortalInvitationResponse(id, customer.Username, url, token, invitation.ExpiresAt, sent.Status, sent.Error));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(
        SetPortalPasswordRequest request,
        CustomersDbContext db,
        IPasswordHasher<User> hasher,
        UserAccessCache access,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > 100)
        {
            return Problems.BadRequest(InvalidInvitation);
        }
        if (PasswordRules.Problem(request.Password) is { } problem)
        {
            return Problems.Validation(new Dictionary<string, List<string>> { ["password"] = [problem] });
        }
        var now = clock.UtcNow();
        var hash = Hash(request.Token);
        // Spending the token is the claim: of two uses at once, one updates the row and one does not.
        var spent = await db.PortalInvitations
            .Where(i => i.TokenHash == hash && i.SpentAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.SpentAt, now), cancellationToken);
        var invitation = spent == 1 ? await db.PortalInvitations.AsNoTracking().FirstAsync(i => i.TokenHash == hash, cancellationToken) : null;
        var user = invitation is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == invitation.UserId, cancellationToken);
        if (invitation is null || user is null)
        {
            return Problems.BadRequest(InvalidInvitation);
        }
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        user.SecurityStamp = User.NewSecurityStamp();
        db.AuditEvents.Add(AuditEvent.Create(invitation.TenantId, null, AuditActions.PortalPasswordSet, [invitation.CustomerId], new { user_id = user.Id }, now));
        await db.SaveChangesAsync(cancellationToken);
        access.Forget(user.Id);
        return TypedResults.NoContent();
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
