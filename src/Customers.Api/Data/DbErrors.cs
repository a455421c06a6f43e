using Microsoft.Data.Sqlite;
using Npgsql;

namespace Customers.Api.Data;

public static class DbErrors
{
    /// <summary>True when a save failed on a unique index (a race that a prior check could not see).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
