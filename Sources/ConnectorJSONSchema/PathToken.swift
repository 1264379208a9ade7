import ConnectorJSON
import Foundation

/// One step of an instance or evaluation path, kept unformatted until an error needs it.
enum PathToken: Sendable {
    case key(String)
    case index(Int)

    var text: String {
        switch self {
        case .key(let key): return key
        case .index(let index): return String(index)
        }
    }
}
