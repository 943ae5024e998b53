import Testing
@testable import Learning

@Suite struct LogisticModelTests {
    @Test func coefficientsMatchScikitLearnLogisticRegression() throws {
        for c in try ReferenceVectors.load().logistic {
            let x = FeatureMatrix(rows: c.rows, columns: c.columns, values: c.x)
            let model = LogisticModel(fitting: x, labels: c.labels, settings: LogisticSettings(c: c.c, tolerance: 1e-10))
            #expect(model.converged)
            for (fitted, reference) in zip(model.coefficients, c.coefficients) {
                #expect(abs(fitted - reference) < 1e-5, "C=\(c.c)")
            }
            #expect(abs(model.intercept - c.intercept) < 1e-5, "C=\(c.c)")
        }
    }

    @Test func fittingTwiceGivesIdenticalWeights() throws {
        let c = try ReferenceVectors.load().logistic[0]
        let x = FeatureMatrix(rows: c.rows, columns: c.columns, values: c.x)
        let a = LogisticModel(fitting: x, labels: c.labels, settings: LogisticSettings())
        let b = LogisticModel(fitting: x, labels: c.labels, settings: LogisticSettings())
        #expect(a == b)
    }

    @Test func separableDataStaysFiniteUnderRegularisation() {
        let x = FeatureMatrix(rows: 6, columns: 1, values: [-3, -2, -1, 1, 2, 3])
        let model = LogisticModel(fitting: x, labels: [false, false, false, true, true, true], settings: LogisticSettings())
        #expect(model.converged)
        #expect(model.coefficients[0].isFinite && model.coefficients[0] > 0)
    }
}
