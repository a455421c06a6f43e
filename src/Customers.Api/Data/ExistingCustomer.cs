namespace Customers.Api.Data;

/// <summary>A stored customer found by the duplicate check.</summary>
public sealed record ExistingCustomer(int Id, string Name, string Phone);
