namespace Customers.Api.Data.Postgres;

/// <summary>
/// PostgreSQL's search text of a customer: name, email, phone and postcode joined by U+001F (the
/// unit separator), which no stored one-line field and no search term can hold (TextCleaner drops
/// control characters), so a term still matches within one field only. The SQL function is
/// created by the initial migration; EF Core translates calls to it.
/// </summary>
public static class CustomerSearchText
{
    public const string FunctionName = "customer_search_text";

    public static string Of(string name, string? email, string phone, string? postcode) =>
        throw new NotSupportedException($"{FunctionName} runs in PostgreSQL only");
}
