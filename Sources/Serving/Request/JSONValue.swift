/// One field of a JSON request row, as it was sent, so that its type can be checked against the
/// signature with a message naming what was found.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    /// An array or an object: never a valid feature value.
    case nested

    /// How a message names what was sent.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer: return "an integer"
        case .number: return "a number"
        case .string: return "a string"
        case .nested: return "an array or object"
        }
    }

    /// The text a key value stands for: strings as sent, integers in decimal.
    var keyText: String? {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        default: return nil
        }
    }
}
