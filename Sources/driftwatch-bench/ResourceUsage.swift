import Foundation

/// Wall time and peak resident memory of this process, the two figures every benchmark reports.
enum ResourceUsage {
    /// Peak resident set size so far, in bytes (Linux reports `ru_maxrss` in KiB).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// Runs `body` and returns its result with the elapsed wall time in seconds.
    static func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
