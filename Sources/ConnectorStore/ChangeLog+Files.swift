import ConnectorModel

extension ChangeLog where Self: CatalogQueries {
    /// The events `query` asks for (``ChangeLog/changes(_:)``), each file event with its file's record as the catalog
    /// holds it now (``ChangeEvent/file``; none when the catalog no longer has the file), looked up by key per
    /// endpoint.
    public func changesWithFiles(_ query: ChangeQuery) async throws -> [ChangeEvent] {
        var events = try await changes(query)
        var wanted: [String: [String]] = [:]
        for event in events where event.type.isFileEvent {
            if let id = event.fileID { wanted[event.endpoint, default: []].append(id) }
        }
        guard !wanted.isEmpty else { return events }
        var records: [String: [FileIDKey: CatalogFile]] = [:]
        for (endpoint, ids) in wanted {
            for file in try await files(endpoint: endpoint, ids: ids) { records[endpoint, default: [:]][FileIDKey(file.fileID)] = file }
        }
        for index in events.indices where events[index].type.isFileEvent {
            if let id = events[index].fileID { events[index].file = records[events[index].endpoint]?[FileIDKey(id)] }
        }
        return events
    }
}

extension ChangeLog where Self: CatalogQueries & EndpointCatalog {
    /// ``changesWithFiles(_:)`` of the endpoints whose labels `selector` selects, chosen at this call (so a reader
    /// that asks again sees endpoints created or relabelled meanwhile); without a selector, as `query` says.
    public func changesWithFiles(_ query: ChangeQuery, selectedBy selector: LabelSelector?) async throws -> [ChangeEvent] {
        var query = query
        if let selector { query.endpoints = try await endpointNames(selectedBy: selector) }
        return try await changesWithFiles(query)
    }
}
