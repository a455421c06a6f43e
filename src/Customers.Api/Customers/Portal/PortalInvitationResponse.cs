namespace Customers.Api.Customers.Portal;

/// <summary>The link to hand over (also e-mailed when the customer has an address), and whether the e-mail went.</summary>
public sealed record PortalInvitationResponse(int CustomerId, string Username, string InvitationUrl, string Token, DateTime ExpiresAt, string EmailStatus, string? EmailError);
