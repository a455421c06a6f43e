namespace Customers.Api.Customers;

/// <summary>Which page of the list, how long, in which order.</summary>
public sealed record CustomerPage(int Page, int Limit, string SortKey, bool Descending);
