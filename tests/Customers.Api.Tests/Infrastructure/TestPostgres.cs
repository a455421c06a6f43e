namespace Customers.Api.Tests.Infrastructure;

public static class TestPostgres
{
    public const string Variable = "CUSTOMERS_TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
