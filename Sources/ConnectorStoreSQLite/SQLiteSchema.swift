import ConnectorStore

/// The SQLite statements of each migration in ``StoreMigration/all``.
enum SQLiteSchema {
    static func statements(for migration: StoreMigration) -> String {
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
        default: ""
        }
    }

    /// The outbox: every change the store commits, written in the same transaction (``ChangeEvent``). The sequence
    /// is AUTOINCREMENT so that it is never reused, even after every event is compacted away.
    static let version11 = """
        CREATE TABLE change_events (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            time TEXT NOT NULL,
            type TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            correlation_id TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX change_events_by_endpoint ON change_events (endpoint, sequence);
        CREATE INDEX change_events_by_time ON change_events (time);
        CREATE TABLE change_log (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            compacted_through INTEGER NOT NULL  -- the newest sequence number compaction deleted
        );
        INSERT INTO change_log (id, compacted_through) VALUES (1, 0);
        """

    /// Webhook sinks' deliveries (``SinkDelivery``): a cursor into the outbox and the failures since, under a lease.
    static let version13 = """
        CREATE TABLE sink_deliveries (
            sink TEXT PRIMARY KEY NOT NULL,
            cursor INTEGER NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            retry_at TEXT,
            last_error TEXT,
            dead_lettered_at TEXT,
            last_delivery_at TEXT,
            lease_owner TEXT,
            lease_expires_at TEXT
        );
        """

    /// Provider budgets shared by replicas (the PostgreSQL store's ledger): per app and family, the times of the
    /// units granted in the last window. A SQLite store has one process, which paces alone; the table keeps the two
    /// schemas alike.
    static let version16 = """
        CREATE TABLE budget_windows (
            app TEXT NOT NULL,
            family TEXT NOT NULL,
            grants TEXT NOT NULL DEFAULT '[]',
            granted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (app, family)
        );
        """

    /// The version of the manifests the last reconcile applied (``ManifestVersion``): one row, so replicas with
    /// different copies never apply an older one.
    static let version15 = """
        CREATE TABLE manifest_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            source TEXT NOT NULL,
            time TEXT NOT NULL,
            identity TEXT,
            content_hash TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """

    /// Sinks as the manifests declare them (``StoredSink``), reconciled like endpoints.
    static let version14 = """
        CREATE TABLE sinks (
            name TEXT PRIMARY KEY NOT NULL,
            spec TEXT NOT NULL,
            spec_hash TEXT NOT NULL,
            generation INTEGER NOT NULL,
            state TEXT NOT NULL,
            labels TEXT NOT NULL DEFAULT '{}',
            annotations TEXT NOT NULL DEFAULT '{}',
            source_file TEXT,
            source_revision TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            retired_at TEXT
        );
        """

    /// File events: a run of file events of one kind written together is one row (``ChangeEventRow``), its files'
    /// ids a JSON array and their data another when any is not `{}`; the row's `sequence` is its last event's, the
    /// first is `sequence - count + 1`. The index on time goes: compaction by age reads from the oldest row in
    /// sequence order, and a read from a time filters the rows after its cursor.
    static let version12 = """
        ALTER TABLE change_events ADD COLUMN file_ids TEXT;
        ALTER TABLE change_events ADD COLUMN file_data TEXT;
        DROP INDEX change_events_by_time;
        """

    /// A full listing no longer rewrites each file it finds unchanged (a kilobyte row rewritten, in a page of the
    /// log, to change one time): a page records the rowids it found unchanged as one row of sightings, which the
    /// end of the listing reads. An endpoint's last listing that swept is kept, as the time every file it left
    /// present was seen at (``SQLiteCatalogStore/lastSeenColumn``).
    static let version10 = """
        CREATE TABLE listing_sightings (
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            listing_started_at TEXT NOT NULL,
            rowids TEXT NOT NULL  -- a JSON array of files.rowid
        );
        CREATE INDEX listing_sightings_by_listing ON listing_sightings (endpoint, listing_started_at);
        CREATE TABLE swept_listings (
            endpoint TEXT PRIMARY KEY REFERENCES endpoints(name),
            started_at TEXT NOT NULL
        );
        """

    /// PostgreSQL checks a page's endpoint once instead of once per file; SQLite's per-row check is an in-process
    /// index lookup that costs nothing worth saving, so its foreign key stays.
    static let version9 = ""

    /// Files in a rowid table, found by a unique index on (endpoint, file_id). Cloud ids are random (Drive's 33
    /// characters, Autodesk's GUIDs), so rows of about a kilobyte keyed by id landed all over a b-tree keyed by them:
    /// every insert split or rewrote a page somewhere in a table far larger than the page cache. Rows now go at the
    /// end of the table in the order they arrive, and only the small index entries land at random.
    static let version8 = """
        CREATE TABLE files_v8 (
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            file_id TEXT NOT NULL,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            mime_type TEXT,
            size INTEGER,
            checksums TEXT NOT NULL DEFAULT '{}',
            created_at TEXT,
            modified_at TEXT,
            version TEXT,
            web_link TEXT,
            export_links TEXT NOT NULL DEFAULT '{}',
            parents TEXT NOT NULL DEFAULT '[]',
            extras TEXT,
            state TEXT NOT NULL CHECK (state IN ('present', 'removed')),
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            removed_at TEXT,
            content_hash TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO files_v8 (endpoint, file_id, name, path, mime_type, size, checksums, created_at, modified_at, version,
            web_link, export_links, parents, extras, state, first_seen_at, last_seen_at, removed_at, content_hash)
        SELECT endpoint, file_id, name, path, mime_type, size, checksums, created_at, modified_at, version,
            web_link, export_links, parents, extras, state, first_seen_at, last_seen_at, removed_at, content_hash FROM files;
        DROP TABLE files;
        ALTER TABLE files_v8 RENAME TO files;
        CREATE UNIQUE INDEX files_by_endpoint_id ON files (endpoint, file_id);
        CREATE INDEX files_by_endpoint_path ON files (endpoint, path);
        """

    /// Folders a listing found empty by a query it can vouch for, until a file or folder is recorded under them:
    /// a later listing need not ask again when a doubtful batched answer shows them empty (see CatalogFolder.isEmpty).
    /// NULL: not known. And when a full listing last had every child of a folder, so an interrupted listing resumes
    /// from the folders it had not finished (see CatalogFolder.childrenListed).
    static let version7 = """
        ALTER TABLE folders ADD COLUMN is_empty INTEGER;
        ALTER TABLE folders ADD COLUMN listed_at TEXT;
        """

    /// PostgreSQL's page fill factor; SQLite has none, and rewrites a row in place.
    static let version6 = """
        -- nothing to change on SQLite
        """

    /// The runs still marked `running`, which a new run of the same endpoint ends as interrupted: found without
    /// reading the endpoint's whole run history.
    static let version5 = """
        CREATE INDEX sync_runs_running ON sync_runs (endpoint) WHERE status = 'running';
        """

    /// Who is running an endpoint's sync, until when (one sync per endpoint across processes).
    static let version4 = """
        CREATE TABLE sync_leases (
            endpoint TEXT PRIMARY KEY NOT NULL REFERENCES endpoints(name),
            owner TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        """

    /// Folders of sources whose change feeds name parents, not paths (Google Drive).
    static let version3 = """
        CREATE TABLE folders (
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            folder_id TEXT NOT NULL,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            parent_id TEXT,
            last_seen_at TEXT NOT NULL,
            PRIMARY KEY (endpoint, folder_id)
        );
        CREATE INDEX folders_by_parent ON folders (endpoint, parent_id);
        -- Files keyed by (endpoint, file_id) in the table's own b-tree (no rowid, no separate key index), and
        -- last_seen_at in no index: a page write touches two b-trees per new file and one per file seen again.
        -- The sweep (once per full listing) scans the endpoint's rows instead.
        CREATE TABLE files_v3 (
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            file_id TEXT NOT NULL,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            mime_type TEXT,
            size INTEGER,
            checksums TEXT NOT NULL DEFAULT '{}',
            created_at TEXT,
            modified_at TEXT,
            version TEXT,
            web_link TEXT,
            export_links TEXT NOT NULL DEFAULT '{}',
            parents TEXT NOT NULL DEFAULT '[]',
            extras TEXT,
            state TEXT NOT NULL CHECK (state IN ('present', 'removed')),
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            removed_at TEXT,
            content_hash TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (endpoint, file_id)
        ) WITHOUT ROWID;
        INSERT INTO files_v3 (endpoint, file_id, name, path, mime_type, size, checksums, created_at, modified_at, version,
            web_link, export_links, parents, extras, state, first_seen_at, last_seen_at, removed_at, content_hash)
        SELECT endpoint, file_id, name, path, mime_type, size, checksums, created_at, modified_at, version,
            web_link, export_links, parents, extras, state, first_seen_at, last_seen_at, removed_at, content_hash FROM files;
        DROP TABLE files;
        ALTER TABLE files_v3 RENAME TO files;
        CREATE INDEX files_by_endpoint_path ON files (endpoint, path);
        """

    static let version2 = """
        ALTER TABLE files ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
        CREATE INDEX files_by_endpoint_state_seen ON files (endpoint, state, last_seen_at);
        """

    static let version1 = """
        CREATE TABLE endpoints (
            name TEXT PRIMARY KEY NOT NULL,
            provider TEXT NOT NULL,
            spec TEXT NOT NULL,
            spec_hash TEXT NOT NULL,
            scope_hash TEXT NOT NULL,
            generation INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'retired')),
            labels TEXT NOT NULL DEFAULT '{}',
            annotations TEXT NOT NULL DEFAULT '{}',
            source_file TEXT,
            source_revision TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            retired_at TEXT,
            last_sync_at TEXT,
            last_sync_status TEXT,
            next_sync_at TEXT
        );
        CREATE TABLE cursors (
            endpoint TEXT PRIMARY KEY NOT NULL REFERENCES endpoints(name),
            cursor TEXT NOT NULL,
            last_full_sync_at TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE files (
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            file_id TEXT NOT NULL,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            mime_type TEXT,
            size INTEGER,
            checksums TEXT NOT NULL DEFAULT '{}',
            created_at TEXT,
            modified_at TEXT,
            version TEXT,
            web_link TEXT,
            export_links TEXT NOT NULL DEFAULT '{}',
            parents TEXT NOT NULL DEFAULT '[]',
            extras TEXT,
            state TEXT NOT NULL CHECK (state IN ('present', 'removed')),
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            removed_at TEXT,
            PRIMARY KEY (endpoint, file_id)
        );
        CREATE INDEX files_by_endpoint_path ON files (endpoint, path);
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            endpoint TEXT NOT NULL REFERENCES endpoints(name),
            trigger TEXT NOT NULL,
            mode TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            files_created INTEGER NOT NULL DEFAULT 0,
            files_updated INTEGER NOT NULL DEFAULT 0,
            files_unchanged INTEGER NOT NULL DEFAULT 0,
            files_removed INTEGER NOT NULL DEFAULT 0,
            requests INTEGER NOT NULL DEFAULT 0,
            retries INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            correlation_id TEXT NOT NULL
        );
        CREATE INDEX sync_runs_by_endpoint ON sync_runs (endpoint, started_at);
        """
}
