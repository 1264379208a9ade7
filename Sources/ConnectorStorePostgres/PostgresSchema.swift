import ConnectorStore

/// The PostgreSQL statements of each migration in ``StoreMigration/all``, one statement per element.
enum PostgresSchema {
    static func statements(for migration: StoreMigration) -> [String] {
        switch migration.version {
        case 1: version1
        case 2: version2
        case 3: version3
        case 4: version4
        case 5: version5
        case 6: version6
        case 7: version7
        case 8: version8
        case 9: version9
        case 10: version10
        case 11: version11
        case 12: version12
        case 13: version13
        case 14: version14
        case 15: version15
        case 16: version16
        default: []
        }
    }

    /// The outbox: every change the store commits, written in the same transaction (``ChangeEvent``), under
    /// ``changeEventsLock`` so that sequence numbers are taken in commit order (a reader that saw event N never
    /// misses an N-1 committed after it). An identity is never reused.
    static let version11 = [
        """
        CREATE TABLE change_events (
            sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            time TIMESTAMPTZ NOT NULL,
            type TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            correlation_id TEXT,
            data TEXT NOT NULL
        )
        """,
        "CREATE INDEX change_events_by_endpoint ON change_events (endpoint, sequence)",
        "CREATE INDEX change_events_by_time ON change_events (time)",
        "CREATE TABLE change_log (id INT PRIMARY KEY CHECK (id = 1), compacted_through BIGINT NOT NULL)",
        "INSERT INTO change_log (id, compacted_through) VALUES (1, 0)",
    ]

    /// Provider budgets shared by replicas (``PostgresCatalogStore/grantBudget(app:family:cost:limit:window:)``).
    static let version16 = [
        """
        CREATE TABLE budget_windows (
            app TEXT NOT NULL,
            family TEXT NOT NULL,
            grants TIMESTAMPTZ[] NOT NULL DEFAULT '{}',
            granted BOOLEAN NOT NULL DEFAULT false,
            PRIMARY KEY (app, family)
        )
        """
    ]

    /// The version of the manifests the last reconcile applied (as SQLiteSchema.version15).
    static let version15 = [
        """
        CREATE TABLE manifest_version (
            id INT PRIMARY KEY CHECK (id = 1),
            source TEXT NOT NULL,
            time TIMESTAMPTZ NOT NULL,
            identity TEXT,
            content_hash TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL
        )
        """
    ]

    /// Sinks as the manifests declare them (as SQLiteSchema.version14).
    static let version14 = [
        """
        CREATE TABLE sinks (
            name TEXT PRIMARY KEY,
            spec TEXT NOT NULL,
            spec_hash TEXT NOT NULL,
            generation BIGINT NOT NULL,
            state TEXT NOT NULL,
            labels JSONB NOT NULL DEFAULT '{}',
            annotations JSONB NOT NULL DEFAULT '{}',
            source_file TEXT,
            source_revision TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            retired_at TIMESTAMPTZ
        )
        """
    ]

    /// Webhook sinks' deliveries (as SQLiteSchema.version13).
    static let version13 = [
        """
        CREATE TABLE sink_deliveries (
            sink TEXT PRIMARY KEY,
            cursor BIGINT NOT NULL,
            failures INT NOT NULL DEFAULT 0,
            retry_at TIMESTAMPTZ,
            last_error TEXT,
            dead_lettered_at TIMESTAMPTZ,
            last_delivery_at TIMESTAMPTZ,
            lease_owner TEXT,
            lease_expires_at TIMESTAMPTZ
        )
        """
    ]

    /// File events: a run of file events of one kind written together is one row (as in SQLiteSchema.version12), its
    /// files' ids and data as arrays, numbered by a range taken from the identity's sequence under
    /// ``changeEventsLock``. The index on time goes.
    static let version12 = [
        "ALTER TABLE change_events ADD COLUMN file_ids TEXT[]", "ALTER TABLE change_events ADD COLUMN file_data TEXT[]",
        "DROP INDEX change_events_by_time",
    ]

    /// The transaction-scoped advisory lock every writer of `change_events` holds until it commits.
    static let changeEventsLock: Int64 = 0x6663_6576_656E_7473  // "fcevents"

    /// A full listing no longer rewrites each file it finds unchanged (a new version of every row, its WAL record
    /// and a page write, to change one time): a page records the ids it found unchanged as one row of sightings,
    /// which the end of the listing reads. An endpoint's last listing that swept is kept, as the time every file it
    /// left present was seen at (``PostgresCatalogStore/lastSeenColumn``). File ids compare byte for byte, as in
    /// SQLite: under a linguistic collation every probe of the primary key ran the locale's comparison, a sixth of
    /// a page's classification (the index is rebuilt; the rows are not rewritten).
    static let version10 = [
        "ALTER TABLE files ALTER COLUMN file_id TYPE TEXT COLLATE \"C\"",
        """
        CREATE TABLE listing_sightings (
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            listing_started_at TIMESTAMPTZ NOT NULL,
            file_ids TEXT[] NOT NULL
        )
        """,
        "CREATE INDEX listing_sightings_by_listing ON listing_sightings (endpoint, listing_started_at)",
        """
        CREATE TABLE swept_listings (
            endpoint TEXT PRIMARY KEY REFERENCES endpoints(name),
            started_at TIMESTAMPTZ NOT NULL
        )
        """,
    ]

    /// A file row's endpoint is checked once per page (``PostgresCatalogStore/apply(_:store:checkingRange:on:logger:)`` locks the endpoint's
    /// row against deletion, and no statement deletes endpoints) instead of by a foreign-key trigger on every row:
    /// that trigger, a query of `endpoints` per inserted file, was half the server's time in a first sync.
    static let version9 = [
        "ALTER TABLE files DROP CONSTRAINT IF EXISTS files_endpoint_fkey"
    ]

    /// SQLite's files move to a rowid table (random cloud ids scattered kilobyte rows over a b-tree keyed by id);
    /// PostgreSQL's heap already keeps rows in arrival order, found through the primary-key index.
    static let version8: [String] = []

    /// Folders a listing found empty by a query it can vouch for, until a file or folder is recorded under them:
    /// a later listing need not ask again when a doubtful batched answer shows them empty (see CatalogFolder.isEmpty).
    /// NULL: not known. And when a full listing last had every child of a folder, so an interrupted listing resumes
    /// from the folders it had not finished (see CatalogFolder.childrenListed).
    static let version7 = [
        "ALTER TABLE folders ADD COLUMN is_empty BOOLEAN",
        "ALTER TABLE folders ADD COLUMN listed_at TIMESTAMPTZ",
    ]

    /// Every sync marks each file it sees (`last_seen_at`), so a re-sync updates every row of the endpoint, a
    /// whole page of rows at once. Left half empty, a page takes the new versions of all its rows and PostgreSQL
    /// updates them in place (heap-only, no index entries), pruning the old ones as it goes: at a million files a
    /// re-sync took 10.5 s instead of 13.3 s and left the table 460 MB instead of 587 MB (fill factor 80, where
    /// most updates went to other pages). Applies to pages written from now on; `VACUUM FULL files` rewrites an
    /// existing catalog to it.
    static let version6 = [
        "ALTER TABLE files SET (fillfactor = 45)"
    ]

    /// The runs still marked `running`, which a new run of the same endpoint ends as interrupted: found without
    /// reading the endpoint's whole run history.
    static let version5 = [
        "CREATE INDEX sync_runs_running ON sync_runs (endpoint) WHERE status = 'running'"
    ]

    /// Who is running an endpoint's sync, until when (one sync per endpoint across replicas).
    static let version4 = [
        """
        CREATE TABLE sync_leases (
            endpoint TEXT PRIMARY KEY REFERENCES endpoints(name),
            owner TEXT NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        )
        """
    ]

    /// Folders of sources whose change feeds name parents, not paths (Google Drive); extras as exact text.
    static let version3 = [
        """
        CREATE TABLE folders (
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            folder_id TEXT NOT NULL,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            parent_id TEXT,
            last_seen_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (endpoint, folder_id)
        )
        """,
        "CREATE INDEX folders_by_parent ON folders (endpoint, parent_id)",
        // Extras are kept byte for byte, as the provider wrote them and as SQLite keeps them (jsonb would
        // reorder keys and add spaces); cast to jsonb to query them, as with `endpoints.spec`.
        "ALTER TABLE files ALTER COLUMN extras TYPE TEXT USING extras::text",
        // Marking a file seen rewrites only `last_seen_at`: with that column in no index and room left in each
        // page, PostgreSQL does it as a heap-only update. The sweep (once per full listing) scans the endpoint's
        // rows through the primary key instead.
        "DROP INDEX files_by_endpoint_state_seen",
        "ALTER TABLE files SET (fillfactor = 80)",
    ]

    static let version2 = [
        "ALTER TABLE files ADD COLUMN content_hash TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX files_by_endpoint_state_seen ON files (endpoint, state, last_seen_at)",
    ]

    static let version1 = [
        """
        CREATE TABLE endpoints (
            name TEXT PRIMARY KEY,
            provider TEXT NOT NULL,
            spec TEXT NOT NULL,  -- canonical JSON, byte for byte (cast to jsonb to query it)
            spec_hash TEXT NOT NULL,
            scope_hash TEXT NOT NULL,
            generation BIGINT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'retired')),
            labels JSONB NOT NULL DEFAULT '{}',
            annotations JSONB NOT NULL DEFAULT '{}',
            source_file TEXT,
            source_revision TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            retired_at TIMESTAMPTZ,
            last_sync_at TIMESTAMPTZ,
            last_sync_status TEXT,
            next_sync_at TIMESTAMPTZ
        )
        """,
        """
        CREATE TABLE cursors (
            endpoint TEXT PRIMARY KEY REFERENCES endpoints(name),
            cursor TEXT NOT NULL,
            last_full_sync_at TIMESTAMPTZ,
            updated_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE files (
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            file_id TEXT NOT NULL,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            mime_type TEXT,
            size BIGINT,
            checksums JSONB NOT NULL DEFAULT '{}',
            created_at TIMESTAMPTZ,
            modified_at TIMESTAMPTZ,
            version TEXT,
            web_link TEXT,
            export_links JSONB NOT NULL DEFAULT '{}',
            parents JSONB NOT NULL DEFAULT '[]',
            extras JSONB,
            state TEXT NOT NULL CHECK (state IN ('present', 'removed')),
            first_seen_at TIMESTAMPTZ NOT NULL,
            last_seen_at TIMESTAMPTZ NOT NULL,
            removed_at TIMESTAMPTZ,
            PRIMARY KEY (endpoint, file_id)
        )
        """,
        "CREATE INDEX files_by_endpoint_path ON files (endpoint, path)",
        """
        CREATE TABLE sync_runs (
            id BIGSERIAL PRIMARY KEY,
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            trigger TEXT NOT NULL,
            mode TEXT NOT NULL,
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ,
            status TEXT NOT NULL,
            files_created BIGINT NOT NULL DEFAULT 0,
            files_updated BIGINT NOT NULL DEFAULT 0,
            files_unchanged BIGINT NOT NULL DEFAULT 0,
            files_removed BIGINT NOT NULL DEFAULT 0,
            requests BIGINT NOT NULL DEFAULT 0,
            retries BIGINT NOT NULL DEFAULT 0,
            error TEXT,
            correlation_id TEXT NOT NULL
        )
        """,
        "CREATE INDEX sync_runs_by_endpoint ON sync_runs (endpoint, started_at)",
    ]

    /// Records applied migrations; created before any migration runs.
    static let migrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// The advisory lock key that serialises migrations and reconciles across processes.
    static let writerLockKey: Int64 = 0x6669_6C65_636F_6E6E  // "fileconn"
}
