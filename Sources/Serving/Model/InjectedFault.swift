import Foundation
import Tabular

/// A fault stood in for one version's scoring, so that a test or a benchmark can show what a
/// shadow that throws, or one that takes a second per request, costs the answers. Set only by
/// the environment variable `DRIFTWATCH_INJECT_FAULTS` of `driftwatch serve` (see `parse`),
/// never by `driftwatch.yml`, and logged as a warning when the server starts.
public enum InjectedFault: Sendable, Equatable {
    /// Every scoring call throws.
    case throwing
    /// Every scoring call sleeps this long, then scores.
    case sleeping(seconds: Double)

    /// The environment variable `driftwatch serve` reads faults from.
    public static let environmentVariable = "DRIFTWATCH_INJECT_FAULTS"

    /// `VERSION=throw` or `VERSION=sleep:SECONDS`, comma-separated, e.g. `4=throw,5=sleep:1`.
    public static func parse(_ text: String) throws -> [Int: InjectedFault] {
        var faults: [Int: InjectedFault] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let version = Int(parts[0]), version > 0 else {
                throw InjectedFaultError(item: String(item), problem: "expected VERSION=throw or VERSION=sleep:SECONDS")
            }
            guard faults[version] == nil else { throw InjectedFaultError(item: String(item), problem: "version \(version) is named twice") }
            if parts[1] == "throw" {
                faults[version] = .throwing
            } else if parts[1].hasPrefix("sleep:"), let seconds = Double(parts[1].dropFirst("sleep:".count)), seconds.isFinite, seconds > 0, seconds <= 60 {
                faults[version] = .sleeping(seconds: seconds)
            } else {
                throw InjectedFaultError(item: String(item), problem: "expected 'throw' or 'sleep:SECONDS' (0 < SECONDS <= 60) after '='")
            }
        }
        return faults
    }

    /// `inner` with this fault in front of it.
    public func scorer(wrapping inner: any ProbabilityScorer) -> any ProbabilityScorer {
        FaultyScorer(fault: self, inner: inner)
    }
}

/// A version's scorer behind an injected fault.
struct FaultyScorer: ProbabilityScorer {
    struct Injected: Error, CustomStringConvertible {
        var description: String { "fault injected by \(InjectedFault.environmentVariable)" }
    }

    let fault: InjectedFault
    let inner: any ProbabilityScorer

    func predictProbabilities(_ table: Table, rows: [Int]?) throws -> [Double] {
        switch fault {
        case .throwing: throw Injected()
        case .sleeping(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return try inner.predictProbabilities(table, rows: rows)
        }
    }
}

/// `DRIFTWATCH_INJECT_FAULTS` does not read.
public struct InjectedFaultError: Error, CustomStringConvertible {
    public let item: String
    public let problem: String
    public var description: String { "\(InjectedFault.environmentVariable): '\(item)': \(problem)" }
}
