using System.ComponentModel.DataAnnotations;

namespace Customers.Api.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Database:Provider must be 'sqlite' or 'postgres'")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Apply pending migrations when the service starts (off when a deploy step runs `migrate`).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
