import ConnectorJSON
import ConnectorModel
import Foundation

/// How the outbox stores events: a row per endpoint or run event, and one row for a run of file events of one kind
/// that one transaction wrote together (a page's created files, say), numbered as a range of consecutive sequence
/// numbers that ends at the row's own. A first sync of a million files writes a thousand rows, not a million: a row
/// per file cost PostgreSQL a quarter of the sync's time. Reads expand each row into its events.
public struct ChangeEventRow: Sendable, Hashable {
    /// The kind of every event of the row.
    public var type: ChangeEventType
    /// When the changes were made.
    public var time: Date
    /// The endpoint.
    public var endpoint: String
    /// The run's correlation id, if any.
    public var correlationID: String?
    /// The data of a row's single event (`{}` for a row of file events).
    public var data: String
    /// The files of a row of file events, in sequence order; nil for a single event.
    public var fileIDs: [String]?
    /// Each file's data when one is not `{}` (an update's changed fields); nil when all are.
    public var fileData: [String]?

    /// How many events the row holds.
    public var count: Int { fileIDs?.count ?? 1 }

    /// Creates a row.
    public init(
        type: ChangeEventType, time: Date, endpoint: String, correlationID: String?, data: String, fileIDs: [String]? = nil,
        fileData: [String]? = nil
    ) {
        self.type = type
        self.time = time
        self.endpoint = endpoint
        self.correlationID = correlationID
        self.data = data
        self.fileIDs = fileIDs
        self.fileData = fileData
    }

    /// One event as a row of its own (a file event as a row of one file). A page's file events are gathered into
    /// rows where they are made (``written(_:of:changed:)``, ``removed(_:endpoint:correlationID:at:)``); what else the
    /// stores record (endpoint and run events) comes one event at a time.
    public init(_ event: ChangeEvent) {
        let isFile = event.type.isFileEvent && event.fileID != nil
        self.init(
            type: event.type, time: event.time, endpoint: event.endpoint, correlationID: event.correlationID,
            data: isFile ? "{}" : event.data, fileIDs: isFile ? event.fileID.map { [$0] } : nil,
            fileData: isFile && event.data != "{}" ? [event.data] : nil)
    }

    /// The row's events, the last numbered `lastSequence`.
    public func events(lastSequence: Int64) -> [ChangeEvent] {
        guard let fileIDs else {
            return [
                ChangeEvent(sequence: lastSequence, time: time, type: type, endpoint: endpoint, correlationID: correlationID, data: data)
            ]
        }
        let first = lastSequence - Int64(fileIDs.count) + 1
        return fileIDs.indices.map { index in
            let data = fileData.flatMap { index < $0.count ? $0[index] : nil } ?? "{}"
            return ChangeEvent(
                sequence: first + Int64(index), time: time, type: type, endpoint: endpoint, correlationID: correlationID, data: data,
                fileID: fileIDs[index])
        }
    }
}

/// A read of the outbox's events after a cursor, row by row: a store asks for as many rows as ``rowsToAsk`` says, hands
/// them to ``add(_:askedFor:)``, and goes on from ``lastRow`` until ``isDone``. A row may hold a page's thousand file
/// events, so the rows asked for follow the events each row has held so far: a batch of a thousand events from a log
/// of thousand-event rows reads two rows, not a thousand (which expanded a million events to keep a thousand).
public struct ChangeEventGathering: Sendable {
    /// The events gathered, in sequence order.
    public private(set) var events: [ChangeEvent] = []
    /// The sequence number of the last row read (where the next read goes on from).
    public private(set) var lastRow: Int64
    /// Whether the batch is full or the log has no more rows.
    public private(set) var isDone: Bool
    private let after: Int64
    private let limit: Int
    private var rowsRead = 0
    private var eventsRead = 0

    /// A read of at most `limit` events after `after`.
    public init(after: Int64, limit: Int) {
        self.after = after
        self.limit = max(0, limit)
        lastRow = after
        isDone = limit <= 0
    }

    /// How many rows to ask for next: enough for the events still wanted at the mean size of the rows read so far
    /// (eight to begin with), and one more for a row the cursor falls inside.
    public var rowsToAsk: Int {
        let wanted = limit - events.count
        guard rowsRead > 0 else { return min(wanted, 8) + 1 }
        return min(wanted, (wanted * rowsRead + eventsRead - 1) / max(1, eventsRead)) + 1
    }

    /// Takes the rows a read gave for `asked` rows.
    public mutating func add(_ rows: [(sequence: Int64, row: ChangeEventRow)], askedFor asked: Int) {
        for (sequence, row) in rows {
            lastRow = sequence
            rowsRead += 1
            eventsRead += row.count
            for event in row.events(lastSequence: sequence) where event.sequence > after {
                guard events.count < limit else { break }
                events.append(event)
            }
        }
        isDone = events.count >= limit || rows.count < asked
    }
}

extension ChangeEventRow {
    /// The rows of a page's written files, built from its classification without an event per file: one row of
    /// `file.created` for the files new to the catalog, one of `file.restored` for those back after a removal, and one
    /// of `file.updated`, with the names of the fields each changed (`changed`, from the stored rows), for the others.
    /// A file seen again unchanged has none.
    public static func written(_ classified: PageClassification, of page: SyncPageWrite, changed: [FileIDKey: [String]]) -> [ChangeEventRow]
    {
        func row(_ type: ChangeEventType, _ ids: [String], data: [String]? = nil) -> ChangeEventRow? {
            guard !ids.isEmpty else { return nil }
            return ChangeEventRow(
                type: type, time: page.seenAt, endpoint: page.endpoint, correlationID: page.correlationID, data: "{}", fileIDs: ids,
                fileData: data)
        }
        var (restored, updated, updatedData) = ([String](), [String](), [String]())
        for file in classified.rewrites {
            let key = FileIDKey(file.fileID)
            if classified.restored.contains(key) {
                restored.append(file.fileID)
            } else {
                updated.append(file.fileID)
                updatedData.append(
                    #"{"changed":"# + JSONValue.array((changed[key] ?? []).map { .string($0) }).jsonString(sortedKeys: true) + "}")
            }
        }
        return [
            row(.fileCreated, classified.inserts.map(\.fileID)), row(.fileRestored, restored),
            row(.fileUpdated, updated, data: updatedData),
        ].compactMap { $0 }
    }

    /// The row of files a store marked removed (none for no file).
    public static func removed(_ ids: [String], endpoint: String, correlationID: String?, at time: Date) -> [ChangeEventRow] {
        guard !ids.isEmpty else { return [] }
        return [ChangeEventRow(type: .fileRemoved, time: time, endpoint: endpoint, correlationID: correlationID, data: "{}", fileIDs: ids)]
    }
}
