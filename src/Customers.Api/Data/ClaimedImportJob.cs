namespace Customers.Api.Data;

/// <summary>An import job this instance now holds.</summary>
public sealed record ClaimedImportJob(int TenantId, long ImportJobId);
