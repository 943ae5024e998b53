import Dispatch

/// Runs independent pieces of work on all cores and collects their results in order: the one
/// parallel map for CSV chunks, drift features and everything else that splits by index.
public enum Parallel {
    /// Below this many values touched in all, waking the other cores costs more than the work
    /// (a 200-row month's features take microseconds each), so the pieces run on the caller.
    public static let serialWork = 100_000

    /// `work`: about how many values (cells, bytes) all pieces together touch; unknown is large.
    public static func map<T>(count: Int, work: Int = .max, _ body: @Sendable (Int) -> T) -> [T] {
        if count <= 1 || work < serialWork { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        defer { slots.release() }
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.store(body(i), at: i) }
        return slots.values()
    }
}

/// One slot per task: each task writes only its own slot, and `concurrentPerform` returns only
/// after every task finished, which orders the writes before `values()` reads them.
private final class Slots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    func store(_ value: T, at index: Int) { storage[index] = value }

    func values() -> [T] { storage.compactMap { $0 } }

    func release() {
        _ = storage.deinitialize()
        storage.deallocate()
    }
}
