import Dispatch

/// `(0..<count).map(transform)` spread over every core: features are independent, and a
/// million-row partition makes each one worth a thread.
func parallelMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
        results.deinitialize()
        results.deallocate()
    }
    nonisolated(unsafe) let slots = results
    // Each iteration writes only its own slot, so the writes never overlap.
    DispatchQueue.concurrentPerform(iterations: count) { i in
        slots[i] = transform(i)
    }
    return results.compactMap { $0 }
}
