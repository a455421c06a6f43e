namespace Customers.Api.Customers;

public sealed record Pagination(
    int Page,
    int Limit,
    int Total,
    [property: System.Text.Json.Serialization.JsonPropertyName("totalPages")] int TotalPages,
    bool TotalExact = true)
{
    /// <summary>Matches counted at most (§4 "Paging window"): past it `total` is a lower bound, and no page may start past it.</summary>
    public const int Window = 10_000;

    public static Pagination Of(int page, int limit, int total, bool exact) =>
        new(page, limit, total, (int)Math.Ceiling(total / (double)limit), exact);

    /// <summary>From matches counted up to one past the window: past it, the window is the total and it is not exact.</summary>
    public static Pagination Counted(int page, int limit, int counted) =>
        Of(page, limit, Math.Min(counted, Window), counted <= Window);
}
