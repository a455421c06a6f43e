using Npgsql;

namespace Customers.Api.Tests.Infrastructure;

public class PostgresApp : CustomersApp
{
    private readonly string _database = $"customers_test_{Guid.NewGuid():N}";

    public override string Provider => "postgres";

    /// <summary>False for an instance that uses another's database (which drops it).</summary>
    protected virtual bool OwnsDatabase => true;

    public override async ValueTask InitializeAsync()
    {
        var server = TestPostgres.ServerConnectionString
            ?? throw new InvalidOperationException(
                $"PostgreSQL tests need {TestPostgres.Variable} (a connection string to a server where the user may create databases). ./test.sh starts one.");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase && TestPostgres.ServerConnectionString is { } server && ConnectionString.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        GC.SuppressFinalize(this);
    }
}
