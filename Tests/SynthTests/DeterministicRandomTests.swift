import Foundation
import Testing
@testable import Synth

/// Reference values from `vectors/make_vectors.py` (the C reference of xoshiro256** and
/// Python's libm), loaded relative to this file.
struct ReferenceVectors: Decodable {
    struct Stream: Decodable {
        let seed: String
        let outputs: [String]
    }

    struct Point: Decodable {
        let x: Double
        let y: Double
    }

    let xoshiro256starstar: [Stream]
    let exp: [Point]
    let log: [Point]

    static func load() throws -> ReferenceVectors {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("vectors/vectors.json")
        return try JSONDecoder().decode(ReferenceVectors.self, from: Data(contentsOf: url))
    }
}

private func closeInUlps(_ a: Double, _ b: Double, ulps: Double = 4) -> Bool {
    a == b || abs(a - b) <= ulps * b.ulp
}

@Test func xoshiroMatchesTheAuthorsReferenceImplementation() throws {
    for stream in try ReferenceVectors.load().xoshiro256starstar {
        var random = Xoshiro256StarStar(seed: try #require(UInt64(stream.seed)))
        let outputs = stream.outputs.map { _ in String(random.next()) }
        #expect(outputs == stream.outputs, "seed \(stream.seed)")
    }
}

@Test func ownExponentialAgreesWithLibm() throws {
    for point in try ReferenceVectors.load().exp {
        #expect(closeInUlps(DeterministicMath.exp(point.x), point.y), "exp(\(point.x))")
    }
}

@Test func ownLogarithmAgreesWithLibm() throws {
    for point in try ReferenceVectors.load().log {
        #expect(closeInUlps(DeterministicMath.log(point.x), point.y), "log(\(point.x))")
    }
}

@Test func boundedDrawsStayInRangeAndCoverIt() {
    var random = Xoshiro256StarStar(seed: 7)
    var seen = Set<Int>()
    for _ in 0..<1000 {
        let v = random.below(6)
        #expect((0..<6).contains(v))
        seen.insert(v)
    }
    #expect(seen.count == 6)
}

@Test func normalDrawsHaveUnitMeanAndVarianceRoughly() {
    var random = Xoshiro256StarStar(seed: 11)
    let draws = (0..<20000).map { _ in random.normal() }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)
    #expect(abs(mean) < 0.03)
    #expect(abs(variance - 1) < 0.05)
}
