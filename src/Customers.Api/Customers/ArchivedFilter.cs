namespace Customers.Api.Customers;

/// <summary>Which customers the list shows: active (not archived), archived, or both.</summary>
public enum ArchivedFilter { Active, Archived, All }
