namespace Customers.Api.Customers;

/// <summary>The list's filters, shared by the list and the CSV export.</summary>
public sealed record CustomerFilter(string? Search, string? PayingOrg, bool? IsLoginEnabled, ArchivedFilter Archived);
