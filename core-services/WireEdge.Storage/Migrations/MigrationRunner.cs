using System.Data.Common;
using System.Globalization;
using Dapper;
using WireEdge.Storage.Connections;

namespace WireEdge.Storage.Migrations;

/// <summary>
/// Applies pending migrations in (module, version) order, each in its own transaction, recording
/// them in <c>schema_migrations</c>. Safe to run from several processes at once on PostgreSQL
/// (advisory lock) and SQLite (immediate transaction).
/// </summary>
public sealed class MigrationRunner(IDbConnectionFactory factory, IEnumerable<IMigrationSource> sources, TimeProvider time)
{
    private const long AdvisoryLockKey = 0x57_49_52_45_45_44_47_45; // "WIREEDGE"

    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var all = sources.SelectMany(s => s.Migrations).OrderBy(m => m.Module, StringComparer.Ordinal).ThenBy(m => m.Version).ToList();
        var duplicate = all.GroupBy(m => (m.Module, m.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"duplicate migration {duplicate.Key.Module} v{duplicate.Key.Version}");
        }

        await using var conn = await factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (factory.Dialect.IsPostgres)
        {
            await conn.ExecuteAsync("SELECT pg_advisory_lock(@k)", new { k = AdvisoryLockKey }).ConfigureAwait(false);
        }

        try
        {
            await conn.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))").ConfigureAwait(false);
            var applied = (await conn.QueryAsync<(string Module, long Version)>("SELECT module, version FROM schema_migrations").ConfigureAwait(false))
                .Select(r => (r.Module, (int)r.Version)).ToHashSet();
            var done = new List<Migration>();
            foreach (var m in all)
            {
                if (applied.Contains((m.Module, m.Version)))
                {
                    continue;
                }

                await ApplyOneAsync(conn, m, cancellationToken).ConfigureAwait(false);
                done.Add(m);
            }

            return done;
        }
        finally
        {
            if (factory.Dialect.IsPostgres)
            {
                await conn.ExecuteAsync("SELECT pg_advisory_unlock(@k)", new { k = AdvisoryLockKey }).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyOneAsync(DbConnection conn, Migration m, CancellationToken cancellationToken)
    {
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var exists = await conn.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM schema_migrations WHERE module = @Module AND version = @Version", new { m.Module, m.Version }, tx).ConfigureAwait(false);
        if (exists > 0)
        {
            return;
        }

        await conn.ExecuteAsync(m.Sql(factory.Dialect), transaction: tx).ConfigureAwait(false);
        await conn.ExecuteAsync(
            "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@Module, @Version, @Name, @At)",
            new { m.Module, m.Version, m.Name, At = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
            tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
