using Dapper;
using WireEdge.Storage.Connections;

namespace WireEdge.Gundeck.PushTokens;

/// <summary>Registered native push tokens per user (one row per user and token).</summary>
public sealed class PushTokenStore(IDbConnectionFactory db, TimeProvider time)
{
    public async Task AddAsync(Guid user, PushTokenDto token, string? connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO gundeck_push_tokens (user_id, token, transport, app, client, connection, created_at)
            VALUES (@user, @token, @transport, @app, @client, @connection, @now)
            ON CONFLICT (user_id, token) DO UPDATE SET transport = excluded.transport, app = excluded.app,
                client = excluded.client, connection = excluded.connection, created_at = excluded.created_at
            """,
            new { user = user.ToString("D"), token = token.Token, transport = token.Transport, app = token.App, client = token.Client, connection, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<List<PushTokenDto>> ListAsync(Guid user, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await conn.QueryAsync<PushTokenDto>(new CommandDefinition(
            "SELECT transport AS Transport, app AS App, token AS Token, client AS Client FROM gundeck_push_tokens WHERE user_id = @user ORDER BY created_at, token",
            new { user = user.ToString("D") },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows];
    }

    public async Task<bool> DeleteAsync(Guid user, string token, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM gundeck_push_tokens WHERE user_id = @user AND token = @token",
            new { user = user.ToString("D"), token },
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }
}
