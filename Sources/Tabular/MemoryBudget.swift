import Foundation

/// How much memory a partition's tables may take (`limits.memory`). A partition estimated to be
/// larger is read column by column through a spill folder (`SpilledPartition`) instead of whole.
/// Written as `auto` (a quarter of the machine's memory, so the daemon, serving and the page
/// cache keep room) or as a size with a binary unit: `512MiB`, `4GiB`, `1TiB`, or plain bytes.
public enum MemoryBudget: Sendable, Equatable, Codable, CustomStringConvertible {
    case auto
    case bytes(Int)

    /// The share of physical memory `auto` stands for.
    public static let autoShare = 0.25

    /// Largest first: the first that divides a size names it, and `B` is tried after the longer suffixes.
    static let units: [(suffix: String, factor: Int)] = [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1)]

    /// The budget in bytes on this machine.
    public var byteCount: Int {
        switch self {
        case .auto: return Int(Double(ProcessInfo.processInfo.physicalMemory) * Self.autoShare)
        case .bytes(let count): return count
        }
    }

    /// Parses `auto`, `4GiB`, `512MiB`, `1048576`; nil for anything else (zero and negative sizes too).
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "auto" {
            self = .auto
            return
        }
        var number = Substring(trimmed), factor = 1
        if let unit = Self.units.first(where: { trimmed.hasSuffix($0.suffix) }) {
            number = number.dropLast(unit.suffix.count)
            factor = unit.factor
        }
        guard let value = Int(number.trimmingCharacters(in: .whitespaces)), value > 0,
              value <= Int.max / factor else { return nil }
        self = .bytes(value * factor)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let budget = MemoryBudget(text: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "expected auto or a size such as 4GiB, 512MiB or a number of bytes, found '\(text)'"))
        }
        self = budget
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The way it is written in the config: `auto`, or the largest unit that divides it.
    public var description: String {
        switch self {
        case .auto: return "auto"
        case .bytes(let count):
            let unit = Self.units.first { count % $0.factor == 0 } ?? ("B", 1)
            return unit.factor == 1 ? "\(count)" : "\(count / unit.factor)\(unit.suffix)"
        }
    }
}
