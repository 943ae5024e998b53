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
    private var buffer: [PredictionBatch] = []
    private let pending: AsyncStream<Void>.Continuation
    private let pendingStream: AsyncStream<Void>
    /// Formatting and writing (each append is fsynced) happen here, on a thread of their own:
    /// on the cooperative pool, which has one thread per core, a flush blocked in `fsync` held
    /// back every request waiting for that thread.
    private let writer = DispatchQueue(label: "driftwatch.prediction-log")
    /// Only the writer queue (or a caller of `flush`, when `run` is not running) touches these.
    private var day = ""
    private var dayBytes = 0
    /// Set when a write did not fit into today's file: the rest of the day is counted, not formatted.
    private var full = false

    public init(directory: URL, settings: PredictionLogSettings, logger: Logger) {
        self.directory = directory
        self.settings = settings
        self.logger = logger
        (pendingStream, pending) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues a request's rows; cheap enough for the request path (its arrays are kept, not copied).
    public func append(_ batch: PredictionBatch) {
        guard !batch.probabilities.isEmpty else { return }
        let wasEmpty = lock.withLock { () -> Bool in
            defer { buffer.append(batch) }
            return buffer.isEmpty
        }
        if wasEmpty { pending.yield() }
    }

    /// Queues several requests' rows under one lock (the shadow's batch).
    func append(contentsOf batches: [PredictionBatch]) {
        let rows = batches.filter { !$0.probabilities.isEmpty }
        guard !rows.isEmpty else { return }
        let wasEmpty = lock.withLock { () -> Bool in
            defer { buffer.append(contentsOf: rows) }
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
                await flushOnWriter()
            }
        } onGracefulShutdown: { [pending] in
            pending.finish()
        }
        await flushOnWriter()
    }

    private func flushOnWriter() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            writer.async {
                self.flush()
                done.resume()
            }
        }
    }

    /// Writes what is queued. Public for tests and for callers that stop without a service group.
    public func flush() {
        let batches = lock.withLock { () -> [PredictionBatch] in
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        guard !batches.isEmpty else { return }
        let formatter = ISO8601DateFormatter()
        // Times are written to the second: requests of one second share the text and the file name.
        var second: Double = .nan
        var time = "", name = ""
        var chunkName = "", rows = 0, bytes: [UInt8] = []
        func writeChunk() {
            if rows > 0 { write(bytes, rows: rows, to: chunkName) }
            rows = 0
            bytes.removeAll(keepingCapacity: true)
        }
        for batch in batches {
            let batchSecond = batch.time.timeIntervalSince1970.rounded(.down)
            if batchSecond != second {
                second = batchSecond
                time = formatter.string(from: batch.time)
                name = Self.fileName(for: batch.time)
            }
            if name != chunkName || bytes.count >= Self.chunkBytes {
                writeChunk()
                chunkName = name
            }
            rows += batch.probabilities.count
            if !(name == day && full) { batch.jsonLines(time: time, into: &bytes) }
        }
        writeChunk()
    }

    /// Lines are appended to the file in pieces of about this size, so that a busy second needs
    /// no buffer of its size and a quiet one a single fsync.
    static let chunkBytes = 32 << 20

    /// `predictions-YYYY-MM-DD.jsonl` for the UTC day of `time`.
    public static func fileName(for time: Date) -> String {
        let days = Int32((time.timeIntervalSince1970 / 86_400).rounded(.down))
        return "predictions-\(ISODate.format(daysSinceEpoch: days)).jsonl"
    }

    private func write(_ bytes: [UInt8], rows: Int, to name: String) {
        let url = directory.appendingPathComponent(name)
        if name != day {
            day = name
            full = false
            dayBytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            removeOldDays(keeping: name)
        }
        guard !full, dayBytes + bytes.count <= settings.maxFileBytes else {
            ServingMetrics.droppedFromLog(rows: rows)
            if !full {
                full = true
                logger.warning("prediction log full for today: rows are dropped until tomorrow", metadata: ["file": "\(url.path)", "max_file_bytes": "\(settings.maxFileBytes)"])
            }
            return
        }
        do {
            // The lines are handed over without a copy: the Data lives only for the call.
            try bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                try AtomicFile.append(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none), to: url)
            }
            dayBytes += bytes.count
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
