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
