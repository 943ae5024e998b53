import Foundation
import Learning

/// What the prediction log says about each arm, read back after the fact: rows, requests and
/// the distribution of probabilities per answering version and arm, each shadow against
/// production on the same rows, and, when labels for served keys are given, each arm's realized
/// AUC and log loss on its own traffic. What `driftwatch serving report` renders.
public struct ServingSummary: Sendable {
    /// One answering version under one arm name (nil outside canary and A/B).
    public struct Arm: Sendable, Equatable {
        public let version: Int
        public let arm: String?
        public var rows = 0
        public var requests = 0
        public var probabilitySum = 0.0
        /// Ten bins over [0, 1].
        public var histogram = [Int](repeating: 0, count: 10)
        public var first: Date?
        public var last: Date?
        /// On the rows whose key has a label; nil without labels or with too few of them.
        public var realized: BinaryMetrics?
        public var labelledRows = 0

        public var meanProbability: Double? { rows > 0 ? probabilitySum / Double(rows) : nil }
        public var name: String { arm.map { "\($0) (version \(version))" } ?? "version \(version)" }
    }

    /// A shadow version against what production answered on the same rows.
    public struct Shadow: Sendable, Equatable {
        public let version: Int
        public let rows: Int
        public let comparison: ShadowComparison
    }

    public let files: [String]
    public let arms: [Arm]
    public let shadows: [Shadow]
    /// Rows of the label table that matched no answered key.
    public let unmatchedLabels: Int

    /// The last pairs per shadow kept for the rank correlation: the log may hold millions.
    static let pairLimit = 200_000
    /// Requests whose answers wait for their shadow lines; older ones are given up on.
    static let pendingLimit = 200_000

    /// Reads every `predictions-*.jsonl` in `directory`, oldest day first. `labels` maps a key to
    /// its label. A line that is not a prediction record is an error naming the file and line.
    public init(directory: URL, labels: [String: Bool]?) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        files = names.filter { $0.hasPrefix("predictions-") && $0.hasSuffix(".jsonl") }.sorted()
        var arms: [String: Arm] = [:]
        var requestsSeen: [String: Set<String>] = [:]
        var pending: [String: [Double]] = [:]
        var pendingOrder: [String] = []
        var pendingHead = 0
        var pairs: [Int: ShadowPairs] = [:]
        var shadowRows: [Int: Int] = [:]
        var realized: [String: (labels: [Bool], probabilities: [Double])] = [:]
        var matchedKeys = Set<String>()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for name in files {
            let path = directory.appendingPathComponent(name).path
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            var lineNumber = 0
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                guard !line.isEmpty else { continue }
                let record: PredictionRecord
                do {
                    record = try decoder.decode(PredictionRecord.self, from: line)
                } catch {
                    throw ServingSummaryError(path: path, line: lineNumber, problem: "not a prediction record: \(error)")
                }
                if !record.answered {
                    shadowRows[record.modelVersion, default: 0] += 1
                    guard var waiting = pending[record.requestID], !waiting.isEmpty else { continue }
                    let production = waiting.removeFirst()
                    pending[record.requestID] = waiting.isEmpty ? nil : waiting
                    pairs[record.modelVersion, default: ShadowPairs(capacity: Self.pairLimit)].append(production: production, shadow: record.probability)
                    continue
                }
                let id = "\(record.modelVersion)|\(record.arm ?? "")"
                var arm = arms[id] ?? Arm(version: record.modelVersion, arm: record.arm)
                arm.rows += 1
                arm.probabilitySum += record.probability
                arm.histogram[min(9, max(0, Int(record.probability * 10)))] += 1
                arm.first = arm.first.map { min($0, record.time) } ?? record.time
                arm.last = arm.last.map { max($0, record.time) } ?? record.time
                if requestsSeen[id, default: []].insert(record.requestID).inserted { arm.requests += 1 }
                arms[id] = arm
                if pending[record.requestID] == nil { pendingOrder.append(record.requestID) }
                pending[record.requestID, default: []].append(record.probability)
                if pendingOrder.count - pendingHead > Self.pendingLimit {
                    pending[pendingOrder[pendingHead]] = nil
                    pendingHead += 1
                    if pendingHead >= Self.pendingLimit {
                        pendingOrder.removeFirst(pendingHead)
                        pendingHead = 0
                    }
                }
                if let labels, let key = record.key, let label = labels[key] {
                    realized[id, default: ([], [])].labels.append(label)
                    realized[id, default: ([], [])].probabilities.append(record.probability)
                    matchedKeys.insert(key)
                }
            }
        }
        for (id, joined) in realized {
            arms[id]?.labelledRows = joined.labels.count
            arms[id]?.realized = BinaryMetrics(labels: joined.labels, probabilities: joined.probabilities)
        }
        self.arms = arms.values.sorted { ($0.version, $0.arm ?? "") < ($1.version, $1.arm ?? "") }
        self.shadows = shadowRows.keys.sorted().map { version in
            Shadow(version: version, rows: shadowRows[version]!, comparison: pairs[version]?.summary ?? ShadowPairs(capacity: 1).summary)
        }
        self.unmatchedLabels = labels.map { $0.count - matchedKeys.count } ?? 0
    }
}

/// A prediction log line that cannot be read, with where it is.
public struct ServingSummaryError: Error, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let problem: String
    public var description: String { "\(path):\(line): \(problem)" }
}
