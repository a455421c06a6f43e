namespace Customers.Api.Tests.Infrastructure;

public class SqliteApp : CustomersApp
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"customers-test-{Guid.NewGuid():N}.db");

    public SqliteApp() => ConnectionString = $"Data Source={_path}";

    public override string Provider => "sqlite";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
        GC.SuppressFinalize(this);
    }
}
