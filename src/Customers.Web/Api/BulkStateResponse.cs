namespace Customers.Web.Api;

/// <summary>A bulk archive, unarchive or delete: the seed's message, and which ids were skipped and why.</summary>
public sealed record BulkStateResponse(string Message, int Requested, IReadOnlyList<BulkSkipped> Skipped);

public sealed record BulkSkipped(int Id, string Reason);
