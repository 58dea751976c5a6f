using WireEdge.Storage.Migrations;

namespace WireEdge.Galley.Storage;

/// <summary>Galley's schema: conversations, their members, teams and team members.</summary>
public static class GalleyMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new Migration("galley", 1, "conversations", """
            CREATE TABLE galley_conversations (
                id TEXT NOT NULL PRIMARY KEY,
                type INTEGER NOT NULL,
                creator TEXT NULL,
                name TEXT NULL,
                access TEXT NOT NULL,
                access_role TEXT NOT NULL,
                team TEXT NULL,
                message_timer BIGINT NULL,
                receipt_mode INTEGER NULL,
                created_at BIGINT NOT NULL
            );
            CREATE INDEX galley_conversations_team ON galley_conversations (team);
            CREATE TABLE galley_members (
                conv TEXT NOT NULL,
                user_id TEXT NOT NULL,
                role TEXT NOT NULL,
                otr_muted_status INTEGER NULL,
                otr_muted_ref TEXT NULL,
                otr_archived INTEGER NOT NULL DEFAULT 0,
                otr_archived_ref TEXT NULL,
                hidden INTEGER NOT NULL DEFAULT 0,
                hidden_ref TEXT NULL,
                PRIMARY KEY (conv, user_id)
            );
            CREATE INDEX galley_members_user ON galley_members (user_id, conv);
            """),
        new Migration("galley", 2, "teams", """
            CREATE TABLE galley_teams (
                id TEXT NOT NULL PRIMARY KEY,
                creator TEXT NOT NULL,
                name TEXT NOT NULL,
                icon TEXT NOT NULL,
                icon_key TEXT NULL,
                binding INTEGER NOT NULL,
                created_at BIGINT NOT NULL
            );
            CREATE TABLE galley_team_members (
                team TEXT NOT NULL,
                user_id TEXT NOT NULL,
                perm_self BIGINT NOT NULL,
                perm_copy BIGINT NOT NULL,
                created_by TEXT NULL,
                created_at BIGINT NULL,
                PRIMARY KEY (team, user_id)
            );
            CREATE INDEX galley_team_members_user ON galley_team_members (user_id);
            """),
    ];
}
