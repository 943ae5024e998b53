#if canImport(Glibc)
import Glibc
#endif

/// CPU time the calling thread has used, in seconds. Timings of single-threaded work (the
/// latency gate's scorings) read this rather than the wall clock: when other processes share
/// the cores, the wall clock also counts their turns and made a model look ten times slower.
public enum ThreadCPUTime {
    public static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    /// Runs `work` and returns its result with the CPU seconds it took on this thread.
    public static func measure<T>(_ work: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let start = seconds()
        let result = try work()
        return (result, seconds() - start)
    }
}
