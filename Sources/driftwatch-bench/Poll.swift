import Foundation

/// Waiting on something another process does, by checking it at a fixed interval.
enum Poll {
    /// Checks `condition` every `interval` until it holds; throws after `timeout`, naming `what`.
    static func until(_ what: String, timeout: Duration, every interval: Duration, _ condition: () throws -> Bool) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while try !condition() {
            guard clock.now < deadline else { throw LoopBenchError("timed out after \(timeout) waiting for \(what)") }
            Thread.sleep(forTimeInterval: interval.seconds)
        }
    }

    /// Seconds from `start` until `path` exists, checked every 2 ms.
    static func secondsUntilExists(_ path: URL, since start: ContinuousClock.Instant, timeout: Duration) throws -> Double {
        try until(path.path, timeout: timeout, every: .milliseconds(2)) { FileManager.default.fileExists(atPath: path.path) }
        return (ContinuousClock.now - start).seconds
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
