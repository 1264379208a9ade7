import ConnectorJSON
import Foundation

/// Which parts of an instance some keyword has evaluated, for `unevaluated*` (annotations).
struct EvaluatedLocations {
    var properties: Set<String> = []
    var allProperties = false
    /// Items `0..<itemPrefix` were evaluated.
    var itemPrefix = 0
    var allItems = false
    var items: Set<Int> = []

    mutating func formUnion(_ other: EvaluatedLocations) {
        properties.formUnion(other.properties)
        allProperties = allProperties || other.allProperties
        itemPrefix = max(itemPrefix, other.itemPrefix)
        allItems = allItems || other.allItems
        items.formUnion(other.items)
    }

    func includesProperty(_ name: String) -> Bool {
        allProperties || properties.contains(name)
    }

    func includesItem(_ index: Int) -> Bool {
        allItems || index < itemPrefix || items.contains(index)
    }
}
