/// The SQL both stores share for writing a page's files: the `files` columns in the order the rows give them, and
/// what a conflict on `(endpoint, file_id)` rewrites (every reported field, the file present again, seen now), so
/// that "a file was written" means the same on SQLite and PostgreSQL.
public enum FileUpsertSQL {
    /// `INSERT INTO files (...)` up to the values.
    public static let insertColumns = """
        INSERT INTO files (endpoint, file_id, name, path, mime_type, size, checksums, created_at, modified_at, version,
            web_link, export_links, parents, extras, state, first_seen_at, last_seen_at, removed_at, content_hash)
        """

    /// The `ON CONFLICT` clause that rewrites an existing row.
    public static let onConflictRewrite = """
        ON CONFLICT (endpoint, file_id) DO UPDATE SET name = excluded.name, path = excluded.path,
            mime_type = excluded.mime_type, size = excluded.size, checksums = excluded.checksums,
            created_at = excluded.created_at, modified_at = excluded.modified_at, version = excluded.version,
            web_link = excluded.web_link, export_links = excluded.export_links, parents = excluded.parents,
            extras = excluded.extras, state = 'present', last_seen_at = excluded.last_seen_at, removed_at = NULL,
            content_hash = excluded.content_hash
        """
}
