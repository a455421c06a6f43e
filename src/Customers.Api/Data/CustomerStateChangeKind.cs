namespace Customers.Api.Data;

/// <summary>What a bulk state change does to each customer.</summary>
public enum CustomerStateChangeKind { Archive, Unarchive, Delete }
