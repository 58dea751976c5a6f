using WireEdge.Storage.Migrations;

namespace WireEdge.Brig.Storage;

/// <summary>Schema of brig's account side (module <c>brig</c>, versions 1–49; the device side uses <c>brig-devices</c>).</summary>
public static class BrigMigrations
{
    public const string Module = "brig";

    public static IEnumerable<Migration> All =>
    [
        new Migration(Module, 1, "users", d => $"""
            CREATE TABLE brig_users (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                name_lower TEXT NOT NULL,
                text_status TEXT NULL,
                accent_id INTEGER NOT NULL DEFAULT 0,
                assets TEXT NOT NULL DEFAULT '[]',
                email TEXT NULL,
                email_key TEXT NULL,
                email_activated INTEGER NOT NULL DEFAULT 0,
                handle TEXT NULL,
                locale TEXT NOT NULL,
                status INTEGER NOT NULL DEFAULT 0,
                team TEXT NULL,
                password TEXT NULL,
                created {d.BigInt} NOT NULL,
                searchable INTEGER NOT NULL DEFAULT 1
            );
            CREATE UNIQUE INDEX brig_users_email_key ON brig_users (email_key);
            CREATE UNIQUE INDEX brig_users_handle ON brig_users (handle);
            CREATE INDEX brig_users_name_lower ON brig_users (name_lower);
            """),
        new Migration(Module, 2, "cookies", d => $"""
            CREATE TABLE brig_cookies (
                user_id TEXT NOT NULL,
                id {d.BigInt} NOT NULL,
                persistent INTEGER NOT NULL,
                created {d.BigInt} NOT NULL,
                expires {d.BigInt} NOT NULL,
                label TEXT NULL,
                succ_id {d.BigInt} NULL,
                client TEXT NULL,
                PRIMARY KEY (user_id, id)
            );
            """),
        new Migration(Module, 3, "properties", """
            CREATE TABLE brig_properties (
                user_id TEXT NOT NULL,
                prop_key TEXT NOT NULL,
                prop_value TEXT NOT NULL,
                PRIMARY KEY (user_id, prop_key)
            );
            """),
        new Migration(Module, 4, "activation-codes", d => $"""
            CREATE TABLE brig_activation_codes (
                email_key TEXT PRIMARY KEY,
                code TEXT NOT NULL,
                expires {d.BigInt} NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                verified INTEGER NOT NULL DEFAULT 0
            );
            """),
    ];
}
