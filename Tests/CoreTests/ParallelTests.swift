import Core
import Foundation
import Synchronization
import Testing

@Suite struct ParallelTests {
    @Test func resultsComeBackInIndexOrderWhetherSplitOrNot() {
        let serial = Parallel.map(count: 100, work: 10) { $0 * $0 }
        let split = Parallel.map(count: 100) { $0 * $0 }
        #expect(serial == (0..<100).map { $0 * $0 })
        #expect(split == serial)
    }

    @Test func smallWorkRunsOnTheCallingThread() {
        let caller = pthread_self()
        let threads = Mutex<Set<UInt>>([])
        _ = Parallel.map(count: 16, work: Parallel.serialWork - 1) { _ in
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
        }
        #expect(threads.withLock { $0 } == [UInt(caller)])
    }
}
