using System.Security.Cryptography;
using System.Text;
using Dapper;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Accounts;

/// <summary><see cref="IActivationStore"/> on SQLite and PostgreSQL.</summary>
internal sealed class SqlActivationStore(IDbConnectionFactory db) : IActivationStore
{
    public async Task PutAsync(string emailKey, string code, long expiresMillis, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO brig_activation_codes (email_key, code, expires, attempts, verified) VALUES (@emailKey, @code, @expiresMillis, 0, 0) " +
            "ON CONFLICT (email_key) DO UPDATE SET code = excluded.code, expires = excluded.expires, attempts = 0, verified = 0",
            new { emailKey, code, expiresMillis },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<ActivationCheck> CheckAsync(string emailKey, string code, long nowMillis, int maxAttempts, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await c.QuerySingleOrDefaultAsync<(string Code, long Expires, long Attempts)>(new CommandDefinition(
            "SELECT code, expires, CAST(attempts AS BIGINT) FROM brig_activation_codes WHERE email_key = @emailKey", new { emailKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row.Code is null || row.Expires <= nowMillis)
        {
            return ActivationCheck.Missing;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(row.Code), Encoding.UTF8.GetBytes(code)))
        {
            var sql = row.Attempts + 1 >= maxAttempts
                ? "DELETE FROM brig_activation_codes WHERE email_key = @emailKey"
                : "UPDATE brig_activation_codes SET attempts = attempts + 1 WHERE email_key = @emailKey";
            await c.ExecuteAsync(new CommandDefinition(sql, new { emailKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return ActivationCheck.Invalid;
        }

        if (!dryRun)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE brig_activation_codes SET verified = 1 WHERE email_key = @emailKey", new { emailKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return ActivationCheck.Valid;
    }

    public async Task DeleteAsync(string emailKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM brig_activation_codes WHERE email_key = @emailKey", new { emailKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
