namespace Customers.Web.Api;

public sealed record PortalInvitationResponse(int CustomerId, string Username, string InvitationUrl, DateTime ExpiresAt, string EmailStatus, string? EmailError);
