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

    /// `events` as rows, in order: consecutive file events of one type, endpoint, run and time share a row.
    public static func rows(_ events: [ChangeEvent]) -> [ChangeEventRow] {
        var rows: [ChangeEventRow] = []
        var index = events.startIndex
        while index < events.endIndex {
            let event = events[index]
            guard event.type.isFileEvent, let first = event.fileID else {
                rows.append(
                    ChangeEventRow(
                        type: event.type, time: event.time, endpoint: event.endpoint, correlationID: event.correlationID, data: event.data))
                index += 1
                continue
            }
            var ids = [first]
            var data = [event.data]
            index += 1
            while index < events.endIndex, let id = events[index].fileID, events[index].type == event.type,
                events[index].endpoint == event.endpoint, events[index].correlationID == event.correlationID,
                events[index].time == event.time
            {
                ids.append(id)
                data.append(events[index].data)
                index += 1
            }
            rows.append(
                ChangeEventRow(
                    type: event.type, time: event.time, endpoint: event.endpoint, correlationID: event.correlationID, data: "{}",
                    fileIDs: ids, fileData: data.allSatisfy { $0 == "{}" } ? nil : data))
        }
        return rows
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

extension ChangeEventRow {
    /// The events of rows read in sequence order (each row's last event numbered `sequence`): those after `after`, at
    /// most `limit`.
    public static func events(of rows: [(sequence: Int64, row: ChangeEventRow)], after: Int64, limit: Int) -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        for (sequence, row) in rows {
            for event in row.events(lastSequence: sequence) where event.sequence > after {
                guard events.count < limit else { return events }
                events.append(event)
            }
        }
        return events
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
