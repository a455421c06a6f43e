using Microsoft.Data.Sqlite;
using Npgsql;

namespace Customers.Api.Data;

public static class DbErrors
{
    /// <summary>
    /// True when a write failed on a unique index (a race that a prior check could not see):
    /// from EF Core's SaveChanges (wrapped) or from a raw command.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception) => (exception is DbUpdateException { InnerException: { } inner } ? inner : exception) switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
