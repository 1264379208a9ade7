import ConnectorProvider

/// Asks Graph, one item at a time, for folders an enumeration never sent but whose children it did, up the parent
/// chain until a folder the listing knows, so those children can be placed (rather than inferring anything about
/// them). At most ``limit`` lookups per listing.
struct AncestryLookup {
    static let limit = 1000

    let api: GraphAPI
    let driveID: String
    private var lookups = 0

    init(api: GraphAPI, driveID: String) {
        self.api = api
        self.driveID = driveID
    }

    /// Learns folder `id` and its unknown ancestors into `tree`: a folder's name and parent, or that it is gone.
    mutating func learn(_ id: String, tree: LibraryTree) async throws {
        var next: String? = id
        while let current = next, lookups < Self.limit, try await tree.placement(ofChildrenOf: current) == .unknown {
            lookups += 1
            let url =
                api.root + "/drives/" + GraphURL.escapedSegment(driveID) + "/items/" + GraphURL.escapedSegment(current)
                + "?$select=id,name,folder,package,root,deleted,parentReference"
            let item: DriveItem
            do {
                item = try await api.get(url, cost: .single, as: DriveItem.self)
            } catch let refusal as GraphRefusal where refusal.status == 404 {
                tree.remove(current)
                return
            }
            switch item.kind {
            case .folder:
                tree.record(item.id, name: item.name ?? item.id, parentID: item.parentID)
                next = item.parentID
            case .deleted:
                tree.remove(item.id)
                return
            default:
                // The root is always known; a file or a package is no parent.
                return
            }
        }
    }
}
