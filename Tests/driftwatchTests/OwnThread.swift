import Foundation

/// Runs `body` on a thread of its own and returns what it returns: for test code that keeps time
/// (kills at chosen moments, latencies) while the rest of the suite keeps Swift concurrency's few
/// threads busy, where a task's sleep or poll can come round many seconds late.
func onAThreadOfItsOwn<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
