import Dispatch

/// Runs independent pieces of work on all cores and collects their results in order: the one
/// parallel map for CSV chunks, drift features and everything else that splits by index.
public enum Parallel {
    public static func map<T>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
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
