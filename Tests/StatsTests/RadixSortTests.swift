import Testing
@testable import Stats

@Suite struct RadixSortTests {
    @Test func sortsLikeTheStandardLibraryAcrossSignsZerosInfinitiesAndTies() {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var values = (0..<20_000).map { i -> Double in
            switch i % 7 {
            case 0: return (next() - 0.5) * 1e6
            case 1: return (next() * 10).rounded()
            case 2: return -(next() * 1e-300)
            case 3: return i % 2 == 0 ? 0.0 : -0.0
            case 4: return i % 3 == 0 ? .infinity : -.infinity
            case 5: return .leastNonzeroMagnitude
            default: return next() * 3
            }
        }
        values.append(contentsOf: [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude])
        #expect(RadixSort.sorted(values) == values.sorted())
    }

    @Test func smallAndConstantInputsAreSortedToo() {
        #expect(RadixSort.sorted([3, 1, 2]) == [1, 2, 3])
        #expect(RadixSort.sorted([]) == [])
        let constant = [Double](repeating: 4.25, count: 5000)
        #expect(RadixSort.sorted(constant) == constant)
    }
}
