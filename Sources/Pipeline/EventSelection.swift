import Contract

/// Which events a sink wants: every one (`*`, or `events` omitted), or a list of event types by
/// their names in the ledger (`model.promoted`). Any `EventType` is accepted, so a type added to
/// the loop can be subscribed to without touching this.
public enum EventSelection: Codable, Sendable, Equatable {
    case all
    case only(Set<EventType>)

    public func includes(_ type: EventType) -> Bool {
        switch self {
        case .all: return true
        case .only(let types): return types.contains(type)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let names = try c.decode([EventTypeName].self)
        if names.isEmpty {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected at least one event type, or * for all; an empty list would send nothing")
        } else if names.contains(where: { $0.type == nil }) {
            self = .all
        } else {
            self = .only(Set(names.compactMap(\.type)))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .all: try c.encode(["*"])
        case .only(let types): try c.encode(types.map(\.rawValue).sorted())
        }
    }
}

/// One entry of `events:`: an event type's name, or `*` for all of them (`type` nil). A
/// misspelt name is refused with the nearest real one.
struct EventTypeName: Decodable {
    static let wildcard = "*"

    let type: EventType?

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        if text == Self.wildcard {
            type = nil
            return
        }
        guard let type = EventType(rawValue: text) else {
            let known = EventType.allCases.map(\.rawValue)
            let hint = NearestWord.suggestion(for: text, among: known).map { "did you mean '\($0)'?" }
                ?? "expected * or one of \(known.joined(separator: ", "))"
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown event type '\(text)'; \(hint)")
        }
        self.type = type
    }
}
