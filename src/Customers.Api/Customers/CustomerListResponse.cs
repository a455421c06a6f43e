namespace Customers.Api.Customers;

public sealed record CustomerListResponse(IReadOnlyList<CustomerResponse> Customers, Pagination Pagination);
