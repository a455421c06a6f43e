namespace Customers.Api.Customers.Stats;

public sealed record PayingOrgCount(string? PayingOrg, int Count);
