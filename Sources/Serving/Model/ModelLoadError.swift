import Foundation

/// Why a registry version was not swapped in: the old one keeps serving, and this is what
/// `/ready`, the log and the metrics report.
public struct ModelLoadError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Problem: Error, Sendable, Equatable {
        /// The registry or the artifact could not be read or decoded.
        case unreadable(String)
        /// It decodes, but its signature does not fit the contract.
        case incompatible(String)
    }

    public let model: String
    public let version: Int?
    public let problem: Problem
    public let at: Date

    public var reason: String {
        switch problem {
        case .unreadable(let text): return text
        case .incompatible(let text): return "signature incompatible with the contract: \(text)"
        }
    }

    public var description: String {
        "\(model)\(version.map { " version \($0)" } ?? ""): \(reason)"
    }
}
