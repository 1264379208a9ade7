import ConnectorModel

/// What a plan does to one sink.
public struct SinkChange: Sendable, Hashable {
    /// The sink's name.
    public var name: String
    /// The kind of change (as for endpoints).
    public var action: EndpointChange.Action
    /// The fields that differ, for updates (the receiver's URL as its origin).
    public var fields: [FieldChange]
    /// Short context: the receiver's origin and the events for creates, the reason an absent sink is kept.
    public var summary: String?
    /// The row to write; nil when nothing is written.
    public var write: SinkWrite?

    /// Creates a change.
    public init(
        name: String, action: EndpointChange.Action, fields: [FieldChange] = [], summary: String? = nil, write: SinkWrite? = nil
    ) {
        self.name = name
        self.action = action
        self.fields = fields
        self.summary = summary
        self.write = write
    }
}
