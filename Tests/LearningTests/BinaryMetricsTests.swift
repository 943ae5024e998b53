import Foundation
import Testing
@testable import Learning

@Suite struct BinaryMetricsTests {
    @Test func metricsMatchScikitLearnIncludingTiesAndClipping() throws {
        for c in try ReferenceVectors.load().metrics {
            let m = BinaryMetrics(labels: c.labels, probabilities: c.probabilities)
            #expect(abs((m.rocAuc ?? -1) - c.roc_auc) < 1e-12, "\(c.name): roc_auc")
            #expect(abs(m.logLoss - c.log_loss) < 1e-12, "\(c.name): log_loss")
            #expect(abs(m.brierScore - c.brier_score) < 1e-12, "\(c.name): brier")
            #expect(abs(m.accuracy - c.accuracy) < 1e-12, "\(c.name): accuracy")
            #expect(abs(m.precision - c.precision) < 1e-12, "\(c.name): precision")
            #expect(abs(m.recall - c.recall) < 1e-12, "\(c.name): recall")
            #expect(abs(m.f1 - c.f1) < 1e-12, "\(c.name): f1")
        }
    }

    @Test func aucIsUndefinedWithOneClass() {
        let m = BinaryMetrics(labels: [true, true], probabilities: [0.2, 0.9])
        #expect(m.rocAuc == nil)
        #expect(m.positiveRate == 1)
    }
}

/// DeLong standard errors from `confidenceinterval` (vectors/make_delong_vectors.py). The
/// package computes in float32, so agreement is to about 1e-6.
@Test func aucStandardErrorsMatchDeLongAsConfidenceIntervalComputesIt() throws {
    struct Case: Decodable {
        let name: String
        let labels: [Bool]
        let scores: [Double]
        let auc: Double
        let standard_error: Double
    }
    struct Vectors: Decodable { let cases: [Case] }
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("vectors/delong.json")
    let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    #expect(vectors.cases.count == 4)
    for c in vectors.cases {
        let auc = try #require(BinaryMetrics.rocAuc(labels: c.labels, scores: c.scores))
        let se = try #require(BinaryMetrics.rocAucStandardError(labels: c.labels, scores: c.scores))
        #expect(abs(auc - c.auc) < 1e-6, "\(c.name)")
        #expect(abs(se - c.standard_error) < 1e-6, "\(c.name): \(se) vs \(c.standard_error)")
    }
    #expect(BinaryMetrics.rocAucStandardError(labels: [true, false, false], scores: [0.9, 0.1, 0.2]) == nil)
}
