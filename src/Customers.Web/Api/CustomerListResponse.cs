namespace Customers.Web.Api;

public sealed record CustomerListResponse(IReadOnlyList<CustomerResponse> Customers, Pagination Pagination);
