import Models

extension ServerStore {
    /// The server database's schema, migration by migration (numbered; never edited once
    /// released: a change is a new migration). Versions and history come from `VersionTable`,
    /// users and the audit log from `AccessStore`.
    static func migrator(replica: ReplicaID) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        StoreFile.registerStoreInfo(in: &migrator, kind: .server, replica: replica)
        migrator.registerMigration("002-versions", VersionTable.createTables)
        migrator.registerMigration("003-push-batches") { database in
            try database.execute(
                sql: """
                    CREATE TABLE push_batches (
                        replica    TEXT NOT NULL,     -- sender's replica id, 32 hex digits
                        batch      TEXT NOT NULL,     -- sender's batch name
                        response   TEXT NOT NULL,     -- PushResponse JSON given the first time
                        applied_at INTEGER NOT NULL,  -- Unix milliseconds
                        PRIMARY KEY (replica, batch)
                    ) STRICT, WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("004-uploads") { database in
            try database.execute(
                sql: """
                    CREATE TABLE uploads (
                        id         TEXT NOT NULL PRIMARY KEY,  -- lowercase UUID, in the upload URL
                        sha256     TEXT NOT NULL,              -- announced hash, 64 hex digits
                        size       INTEGER NOT NULL CHECK (size >= 0),           -- announced size, bytes
                        offset     INTEGER NOT NULL CHECK (offset BETWEEN 0 AND size),  -- durable bytes
                        created_at INTEGER NOT NULL,           -- Unix milliseconds
                        updated_at INTEGER NOT NULL            -- Unix milliseconds of the last piece
                    ) STRICT;
                    CREATE INDEX uploads_by_update ON uploads (updated_at);
                    """)
        }
        migrator.registerMigration("005-blob-references") { database in
            // Which scopes' documents name a blob, for the download check and for gc. Every
            // version stays in `versions` or `history` for good, so a reference, once made, holds
            // forever; `applyAndReference` adds them as documents are applied. (Partial expression
            // indexes on the versions halved push throughput, a trigger cost 12%: renkei-bench.)
            try database.execute(
                sql: """
                    CREATE TABLE blob_references (
                        sha256 TEXT NOT NULL,  -- named by a document version of this scope
                        scope  TEXT NOT NULL,
                        PRIMARY KEY (sha256, scope)
                    ) STRICT, WITHOUT ROWID;
                    CREATE INDEX uploads_by_blob ON uploads (sha256, size);
                    """)
        }
        migrator.registerMigration("006-access") { database in
            try AccessStore.createTables(in: database)
            // Upload sessions belong to the user who started them (no one else may resume one).
            try database.execute(sql: "ALTER TABLE uploads ADD COLUMN user TEXT NOT NULL DEFAULT ''")
        }
        migrator.registerMigration("007-replica-activity") { database in
            try database.execute(
                sql: """
                    CREATE TABLE replica_activity (
                        replica      TEXT NOT NULL PRIMARY KEY,  -- 32 hex digits
                        user         TEXT NOT NULL,              -- whose token it used last
                        scope        TEXT NOT NULL,              -- the user's municipality, or 'shared'
                        last_seen_at INTEGER NOT NULL            -- Unix milliseconds of its last request
                    ) STRICT, WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("008-dashboard-links", AccessStore.createLinkTable)
        migrator.registerMigration("009-epoch") { database in
            // Changes when the database is restored from a backup: replicas that synced with
            // the newer state then send their own versions again (see `renewEpoch`).
            try database.execute(
                sql: "INSERT INTO store_info (name, value) VALUES ('epoch', ?1)", [ReplicaID.random().hex])
        }
        migrator.registerMigration("010-replica-owners") { database in
            try database.execute(
                sql: """
                    CREATE TABLE replica_owners (
                        replica  TEXT NOT NULL PRIMARY KEY,  -- 32 hex digits
                        user     TEXT NOT NULL,              -- the user whose token first pushed from it
                        bound_at INTEGER NOT NULL            -- Unix milliseconds of that push
                    ) STRICT, WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("011-quarantine-foreign-answers", AnswerQuarantine.migrate)
        migrator.registerMigration("012-upload-receipts") { database in
            // Who sent which file's bytes: a document may name a file only if its pusher's user
            // sent it, or may already read a document naming it (a known hash is no permission).
            try database.execute(
                sql: """
                    CREATE TABLE upload_receipts (
                        user        TEXT NOT NULL,
                        sha256      TEXT NOT NULL,     -- 64 hex digits
                        size        INTEGER NOT NULL CHECK (size >= 0),  -- bytes
                        received_at INTEGER NOT NULL,  -- Unix milliseconds
                        PRIMARY KEY (user, sha256)
                    ) STRICT, WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("013-replica-push-numbers") { database in
            // The highest push number applied from each replica: a new batch numbered lower
            // comes from a replica restored from an old copy of itself (`replica_rewound`).
            try database.execute(
                sql: "ALTER TABLE replica_owners ADD COLUMN last_push INTEGER NOT NULL DEFAULT 0 CHECK (last_push >= 0)"
            )
        }
        migrator.registerMigration("014-activity-per-replica-and-user") { database in
            // The `Renkei-Replica` header is a claim: a row per (replica, user), so that a token
            // naming another user's replica id never overwrites that user's activity.
            try database.execute(
                sql: """
                    CREATE TABLE replica_activity_new (
                        replica      TEXT NOT NULL,     -- 32 hex digits, as the request's header named it
                        user         TEXT NOT NULL,     -- whose token sent it
                        scope        TEXT NOT NULL,     -- the user's municipality, or 'shared'
                        last_seen_at INTEGER NOT NULL,  -- Unix milliseconds of its last request
                        PRIMARY KEY (replica, user)
                    ) STRICT, WITHOUT ROWID;
                    INSERT INTO replica_activity_new SELECT replica, user, scope, last_seen_at FROM replica_activity;
                    DROP TABLE replica_activity;
                    ALTER TABLE replica_activity_new RENAME TO replica_activity;
                    """)
        }
        migrator.registerMigration("015-entry-grants") { database in
            // Municipalities an advisor may enter survey answers for (answers that came back by
            // mail): `renkei-server admin user allow-entry`.
            try database.execute(
                sql: """
                    CREATE TABLE entry_grants (
                        user         TEXT NOT NULL REFERENCES users (name),
                        municipality TEXT NOT NULL REFERENCES municipalities (code),
                        granted_at   INTEGER NOT NULL,  -- Unix milliseconds
                        PRIMARY KEY (user, municipality)
                    ) STRICT, WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("016-token-expiry-and-last-use") { database in
            // `admin token issue --expires`, and when each token was last used (to the minute).
            try database.execute(
                sql: """
                    ALTER TABLE tokens ADD COLUMN expires_at INTEGER;   -- Unix milliseconds; NULL: never
                    ALTER TABLE tokens ADD COLUMN last_used_at INTEGER; -- Unix milliseconds; NULL: never used
                    """)
        }
        migrator.registerMigration("017-history-by-successor", VersionTable.indexHistoryBySuccessor)
        migrator.registerMigration("018-skipped-push-numbers") { database in
            // A client keeps several batches in flight (`PushRequest.window`), which may be
            // applied in any order: the numbers a batch jumped over, kept until they arrive
            // (at most `maxSkippedNumbers` per replica), are the only ones below `last_push` a
            // new batch may still carry.
            try database.execute(
                sql: """
                    CREATE TABLE skipped_push_numbers (
                        replica TEXT NOT NULL,     -- replica id, 32 lowercase hex digits
                        number  INTEGER NOT NULL,  -- a push number below the replica's last_push never applied
                        PRIMARY KEY (replica, number)
                    ) STRICT, WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("019-versions-without-autoincrement", VersionTable.dropAutoincrement)
        return migrator
    }
}
