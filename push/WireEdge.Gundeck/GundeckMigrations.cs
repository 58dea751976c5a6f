using WireEdge.Storage.Migrations;

namespace WireEdge.Gundeck;

/// <summary>
/// Gundeck's schema. Notifications: one row per (user, notification) ordered by the id's 60-bit
/// timestamp (<c>ts</c>), referencing the payload stored once per notification in
/// <c>gundeck_payloads</c>; <c>clients</c> is <c>,a,b,</c> for a notification targeted at clients, NULL
/// for all clients. Times are epoch milliseconds.
/// </summary>
internal static class GundeckMigrations
{
    public static IEnumerable<Migration> All =>
    [
        new Migration("gundeck", 1, "notification log", d => $"""
            CREATE TABLE gundeck_payloads (
                id TEXT NOT NULL PRIMARY KEY,
                payload {d.Blob} NOT NULL,
                expires_at BIGINT NOT NULL
            );
            CREATE INDEX gundeck_payloads_expiry ON gundeck_payloads (expires_at);
            CREATE TABLE gundeck_notifications (
                user_id TEXT NOT NULL,
                ts BIGINT NOT NULL,
                id TEXT NOT NULL,
                clients TEXT NULL,
                payload_id TEXT NOT NULL,
                payload_size INTEGER NOT NULL,
                expires_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, ts, id)
            );
            CREATE INDEX gundeck_notifications_expiry ON gundeck_notifications (expires_at);
            """),
        new Migration("gundeck", 2, "push tokens", """
            CREATE TABLE gundeck_push_tokens (
                user_id TEXT NOT NULL,
                token TEXT NOT NULL,
                transport TEXT NOT NULL,
                app TEXT NOT NULL,
                client TEXT NOT NULL,
                connection TEXT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, token)
            );
            """),
    ];
}
