namespace Customers.Api.Customers.Bulk;

/// <summary>Request bodies, for the OpenAPI document (handlers read the raw JSON to report envelope problems precisely).</summary>
public sealed record BulkCreateRequest(IReadOnlyList<CustomerRequest> Customers);
