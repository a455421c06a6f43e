namespace Customers.Web.Api;

public sealed record BulkUpdateResponse(BulkUpdateSummary Summary);

public sealed record BulkUpdateSummary(int Total, int Updated, int Failed);
