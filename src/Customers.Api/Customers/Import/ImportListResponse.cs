namespace Customers.Api.Customers.Import;

public sealed record ImportListResponse(IReadOnlyList<ImportJobResponse> Imports);
