using Microsoft.Data.Sqlite;
using Npgsql;

namespace WireEdge.Brig.Storage;

internal static class DbErrors
{
    /// <summary>Whether the exception is a unique-constraint violation on either engine.</summary>
    public static bool IsUniqueViolation(Exception e)
        => e is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}

/// <summary>List membership in SQL: Dapper expands <c>IN @list</c> on SQLite but hands Npgsql a native array.</summary>
internal static class SqlLists
{
    public static string In(WireEdge.Storage.Connections.SqlDialect dialect, string column, string parameter)
        => dialect.IsPostgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";
}
