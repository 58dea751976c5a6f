using Microsoft.Data.Sqlite;
using Npgsql;

namespace WireEdge.Brig.Storage;

internal static class DbErrors
{
    /// <summary>Whether the exception is a unique-constraint violation on either engine.</summary>
    public static bool IsUniqueViolation(Exception e)
        => e is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
