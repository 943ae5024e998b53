import Foundation
import Logging
import ServiceLifecycle
import Core
import Tabular

/// Appends every scored row to `predictions-YYYY-MM-DD.jsonl` (UTC day), buffered: rows are
/// written at most `flushIntervalSeconds` after the first of them, and on shutdown. A day's file
/// stops at `maxFileBytes` (further rows are counted as dropped) and days older than `keepDays`
/// are deleted, so the log cannot fill the disk. Nothing runs while nothing is scored.
public final class PredictionLog: Service, @unchecked Sendable {
    let directory: URL
    let settings: PredictionLogSettings
    let logger: Logger
    private let lock = NSLock()
    private var buffer: [PredictionRecord] = []
    private let pending: AsyncStream<Void>.Continuation
    private let pendingStream: AsyncStream<Void>
    /// Only the flushing task touches these.
    private var day = ""
    private var dayBytes = 0
    private var warnedFull = false

    public init(directory: URL, settings: PredictionLogSettings, logger: Logger) {
        self.directory = directory
        self.settings = settings
        self.logger = logger
        (pendingStream, pending) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues rows; cheap enough for the request path.
    public func append(_ records: [PredictionRecord]) {
        guard !records.isEmpty else { return }
        let wasEmpty = lock.withLock { () -> Bool in
            defer { buffer.append(contentsOf: records) }
            return buffer.isEmpty
        }
        if wasEmpty { pending.yield() }
    }

    /// Flushes on a timer that runs only after rows arrive; returns after graceful shutdown,
    /// once every queued row is written.
    public func run() async throws {
        await withGracefulShutdownHandler {
            for await _ in pendingStream {
                try? await Task.sleep(for: .milliseconds(Int64(settings.flushIntervalSeconds * 1000)))
                flush()
            }
        } onGracefulShutdown: { [pending] in
            pending.finish()
        }
        flush()
    }

    /// Writes what is queued. Public for tests and for callers that stop without a service group.
    public func flush() {
        let records = lock.withLock { () -> [PredictionRecord] in
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        guard !records.isEmpty else { return }
        let formatter = ISO8601DateFormatter()
        var lastTime: (Date, String, String)?
        var byDay: [(String, [UInt8])] = []
        for record in records {
            // Rows of one request share their time: format it and its day once.
            if lastTime?.0 != record.time { lastTime = (record.time, formatter.string(from: record.time), Self.fileName(for: record.time)) }
            let (_, time, name) = lastTime!
            if byDay.last?.0 != name { byDay.append((name, [])) }
            record.jsonLine(time: time, into: &byDay[byDay.count - 1].1)
        }
        for (name, bytes) in byDay { write(Data(bytes), to: name) }
    }

    /// `predictions-YYYY-MM-DD.jsonl` for the UTC day of `time`.
    public static func fileName(for time: Date) -> String {
        let days = Int32((time.timeIntervalSince1970 / 86_400).rounded(.down))
        return "predictions-\(ISODate.format(daysSinceEpoch: days)).jsonl"
    }

    private func write(_ data: Data, to name: String) {
        let url = directory.appendingPathComponent(name)
        if name != day {
            day = name
            warnedFull = false
            dayBytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            removeOldDays(keeping: name)
        }
        guard dayBytes + data.count <= settings.maxFileBytes else {
            let lines = data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            ServingMetrics.droppedFromLog(rows: lines)
            if !warnedFull {
                warnedFull = true
                logger.warning("prediction log full for today: rows are dropped until tomorrow", metadata: ["file": "\(url.path)", "max_file_bytes": "\(settings.maxFileBytes)"])
            }
            return
        }
        do {
            try AtomicFile.append(data, to: url)
            dayBytes += data.count
        } catch {
            logger.error("prediction log not written", metadata: ["file": "\(url.path)", "reason": "\(error)"])
        }
    }

    /// Keeps `current` and the `keepDays - 1` days before it (names sort by date).
    private func removeOldDays(keeping current: String) {
        let older = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("predictions-") && $0.hasSuffix(".jsonl") && $0 < current }
            .sorted()
        for name in older.dropLast(settings.keepDays - 1) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
