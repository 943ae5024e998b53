import Foundation
import Yams

/// Decodes a hand-written YAML document strictly, for every `Decodable` type alike: a key the
/// type never asks for is an error (with the nearest key it does ask for), a value of the wrong
/// kind says in words what was expected, an enumeration lists its allowed values, and every
/// problem carries the line and column it was found at. The valid keys are not listed anywhere:
/// they are the keys each type's `init(from:)` asks for, recorded while it decodes.
enum StrictYAMLDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from node: Node) throws -> T {
        try NodeDecoder(node: node, codingPath: []).decodeStrictly(type)
    }
}

/// One located problem in a YAML document, in the words a person reads.
struct YAMLProblem: Error {
    /// The field as written in the file: `drift.method`, `tables[0].columns[2].type`.
    let field: String
    let mark: Mark?
    let message: String

    init(at codingPath: [any CodingKey], mark: Mark?, _ message: String) {
        field = YAMLProblem.fieldName(codingPath)
        self.mark = mark
        self.message = message
    }

    static func fieldName(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

/// A list position in a coding path.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// Opens an enumeration's metatype to list its raw values.
private func allowedValues<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> [String] {
    E.allCases.map { "\($0.rawValue)" }
}

private final class NodeDecoder: Decoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Keys of this mapping that the decoded type asked about; nil once it asked for all of them
    /// (a dictionary takes any key).
    var askedKeys: Set<String>? = []
    var usedKeyedContainer = false

    init(node: Node, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    var mark: Mark? { node.mark }

    func problem(_ message: String) -> YAMLProblem {
        YAMLProblem(at: codingPath, mark: mark, message)
    }

    func mismatch(_ expected: String) -> YAMLProblem {
        problem("expected \(expected); found \(node.readerDescription)")
    }

    /// Decodes `type` from this node, then refuses the mapping keys the type did not ask for.
    func decodeStrictly<T: Decodable>(_ type: T.Type) throws -> T {
        if let primitive = try decodePrimitive(type) { return primitive }
        if let enumeration = T.self as? any (CaseIterable & RawRepresentable).Type {
            let allowed = allowedValues(enumeration)
            guard case .scalar(let scalar) = node, allowed.contains(scalar.string) else {
                throw problem("expected one of \(allowed.joined(separator: ", ")); found \(node.readerDescription)")
            }
        }
        let value: T
        do {
            value = try T(from: self)
        } catch let error as DecodingError {
            // Only a type's own check can get here (the containers below throw YAMLProblem). A
            // misspelt key explains a failed check better than the check does (`percnt: 10`
            // leaves a canary without its percent), so it is reported first; a check that
            // names its key is reported at that key's value.
            try refuseMisspeltKeys()
            if case .dataCorrupted(let context) = error, context.codingPath.count == codingPath.count + 1,
               let key = context.codingPath.last, case .mapping(let mapping) = node,
               let value = mapping.first(where: { $0.key.string == key.stringValue })?.value {
                throw YAMLProblem(at: context.codingPath, mark: value.mark, context.debugDescription)
            }
            throw problem("not a valid \(T.self): \(error.plainReason)")
        }
        try refuseUnaskedKeys()
        return value
    }

    /// Refuses an unasked key that is within a typo of an asked one; other unasked keys may be
    /// valid keys the type had not reached yet when its check failed.
    private func refuseMisspeltKeys() throws {
        guard usedKeyedContainer, let asked = askedKeys, case .mapping(let mapping) = node else { return }
        for (keyNode, _) in mapping {
            let key = keyNode.string ?? ""
            guard !asked.contains(key), NearestWord.suggestion(for: key, among: Array(asked)) != nil else { continue }
            throw NodeDecoder.unknownKey(key, at: keyNode.mark, in: codingPath, valid: asked.sorted())
        }
    }

    private func refuseUnaskedKeys() throws {
        guard usedKeyedContainer, let asked = askedKeys, case .mapping(let mapping) = node else { return }
        for (keyNode, _) in mapping {
            let key = keyNode.string ?? ""
            guard !asked.contains(key) else { continue }
            throw NodeDecoder.unknownKey(key, at: keyNode.mark, in: codingPath, valid: asked.sorted())
        }
    }

    static func unknownKey(_ key: String, at mark: Mark?, in codingPath: [any CodingKey], valid: [String]) -> YAMLProblem {
        let hint = NearestWord.suggestion(for: key, among: valid).map { "did you mean '\($0)'?" }
            ?? "valid keys here: \(valid.joined(separator: ", "))"
        return YAMLProblem(at: codingPath, mark: mark, "unknown key '\(key)'; \(hint)")
    }

    private func decodePrimitive<T>(_ type: T.Type) throws -> T? {
        switch type {
        case is String.Type: return try string() as? T
        case is Bool.Type: return try scalar(Bool.self, "true or false") as? T
        case is Double.Type: return try scalar(Double.self, "a number") as? T
        case is Float.Type: return try Float(scalar(Double.self, "a number")) as? T
        case is Int.Type: return try integer(Int.self) as? T
        case is Int64.Type: return try integer(Int64.self) as? T
        case is Int32.Type: return try integer(Int32.self) as? T
        case is UInt.Type: return try integer(UInt.self) as? T
        case is UInt64.Type: return try integer(UInt64.self) as? T
        case is UInt32.Type: return try integer(UInt32.self) as? T
        default: return nil
        }
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return NSNull.construct(from: scalar) != nil
    }

    func string() throws -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw mismatch("text") }
        return scalar.string
    }

    func scalar<S: ScalarConstructible>(_ type: S.Type, _ words: String) throws -> S {
        guard case .scalar(let scalar) = node, !isNull, let value = S.construct(from: scalar) else { throw mismatch(words) }
        return value
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let words = I.isSigned ? "a whole number" : "a whole number, 0 or more"
        guard case .scalar(let scalar) = node, !isNull else { throw mismatch(words) }
        let text = scalar.string.replacingOccurrences(of: "_", with: "")
        guard let value = I(text) ?? Int.construct(from: scalar).flatMap(I.init(exactly:)) else {
            if let number = Double(text), number.isFinite, number == number.rounded(), I.isSigned || number >= 0 {
                throw problem("expected a whole number between \(I.min) and \(I.max); found \(scalar.string)")
            }
            throw mismatch(words)
        }
        return value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else { throw mismatch("a mapping of keys to values") }
        usedKeyedContainer = true
        return KeyedDecodingContainer(try KeyedNodeContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else { throw mismatch("a list") }
        return UnkeyedNodeContainer(decoder: self, elements: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(decoder: self)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let entries: [String: (key: Node, value: Node)]

    init(decoder: NodeDecoder, mapping: Node.Mapping) throws {
        self.decoder = decoder
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw YAMLProblem(at: decoder.codingPath, mark: key.mark, "expected a plain key; found \(key.readerDescription)")
            }
            entries[scalar.string] = (key, value)  // Yams refuses duplicate keys while parsing
        }
        self.entries = entries
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.askedKeys = nil
        return entries.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        decoder.askedKeys?.insert(key.stringValue)
        return entries[key.stringValue] != nil
    }

    private func child(_ key: Key) throws -> NodeDecoder {
        decoder.askedKeys?.insert(key.stringValue)
        guard let entry = entries[key.stringValue] else {
            // A required key is missing: most often because it was misspelt.
            let unasked = entries.keys.filter { !(decoder.askedKeys?.contains($0) ?? true) }
            if let typo = unasked.first(where: { NearestWord.suggestion(for: $0, among: [key.stringValue]) != nil }) {
                throw NodeDecoder.unknownKey(typo, at: entries[typo]?.key.mark, in: codingPath, valid: [key.stringValue])
            }
            throw YAMLProblem(at: codingPath, mark: decoder.mark, "missing required key '\(key.stringValue)'")
        }
        return NodeDecoder(node: entry.value, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).isNull }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeStrictly(type) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decodeStrictly(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decodeStrictly(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decodeStrictly(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decodeStrictly(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decodeStrictly(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).integer(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).integer(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decodeStrictly(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decodeStrictly(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decodeStrictly(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).integer(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).integer(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decodeStrictly(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decodeStrictly(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [Node]
    var currentIndex = 0

    init(decoder: NodeDecoder, elements: [Node]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw YAMLProblem(at: codingPath, mark: decoder.mark, "expected more list items; found \(elements.count)")
        }
        defer { currentIndex += 1 }
        return NodeDecoder(node: elements[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        let isNull = NodeDecoder(node: elements[currentIndex], codingPath: codingPath).isNull
        if isNull { currentIndex += 1 }
        return isNull
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeStrictly(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.isNull }

    /// Through the node's own decoder again, so what it holds is still checked strictly.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeStrictly(type) }

    func decode(_ type: Bool.Type) throws -> Bool { try decoder.scalar(Bool.self, "true or false") }
    func decode(_ type: String.Type) throws -> String { try decoder.string() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.scalar(Double.self, "a number") }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.scalar(Double.self, "a number")) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type) }
}

extension Node {
    /// What a person sees at this place in the file, for "found …".
    var readerDescription: String {
        switch self {
        case .scalar(let scalar):
            if (scalar.style == .plain || scalar.style == .any) && NSNull.construct(from: scalar) != nil { return "nothing (null)" }
            if scalar.style == .plain, Double.construct(from: scalar) != nil || Bool.construct(from: scalar) != nil {
                return scalar.string
            }
            return "\"\(scalar.string)\""
        case .mapping: return "a mapping of keys to values"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

extension DecodingError {
    /// The reason without Swift's type names and coding paths, for the rare check a type makes itself.
    var plainReason: String {
        switch self {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            return context.debugDescription
        @unknown default:
            return "unreadable value"
        }
    }
}
