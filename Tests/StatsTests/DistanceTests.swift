import Testing
@testable import Stats

@Suite struct DistanceTests {
    @Test func chiSquareMatchesScipy() {
        for c in ReferenceVectors.shared.chisquare {
            let result = ChiSquare.goodnessOfFit(current: c.current, reference: c.reference)
            if let statistic = c.statistic {
                #expect(matches(result?.statistic, statistic), "\(c.name): χ² \(String(describing: result))")
            } else {
                #expect(result?.statistic == .infinity, "\(c.name)")
            }
            #expect(matches(result?.pValue, c.pvalue), "\(c.name): p \(String(describing: result)) vs \(c.pvalue)")
        }
    }

    @Test func chiSquareNeedsTwoCategoriesAndObservations() {
        #expect(ChiSquare.goodnessOfFit(current: [3], reference: [4]) == nil)
        #expect(ChiSquare.goodnessOfFit(current: [0, 0], reference: [1, 2]) == nil)
    }

    @Test func upperIncompleteGammaMatchesScipyGammaincc() {
        for c in ReferenceVectors.shared.gammaincc {
            let q = IncompleteGamma.regularizedUpper(a: c.a, x: c.x)
            #expect(matches(q, c.q), "Q(\(c.a), \(c.x)) = \(q), scipy \(c.q)")
        }
    }

    @Test func jensenShannonMatchesScipy() {
        for c in ReferenceVectors.shared.jensenshannon {
            #expect(matches(JensenShannon.distance(c.p, c.q), c.distance, relative: 1e-9), "\(c.p) \(c.q)")
        }
    }

    @Test func jensenShannonOfAnEmptyDistributionIsUndefined() {
        #expect(JensenShannon.distance([0, 0], [1, 2]) == nil)
    }

    @Test func wassersteinMatchesScipy() {
        for c in ReferenceVectors.shared.wasserstein {
            let d = Wasserstein.distance(sortedU: c.u.sorted(), sortedV: c.v.sorted())
            #expect(matches(d, c.distance), "W1 \(String(describing: d)) vs scipy \(c.distance)")
        }
    }

    @Test func quantilesMatchNumpyLinear() {
        for c in ReferenceVectors.shared.quantile {
            let sorted = c.values.sorted()
            for (p, expected) in zip(c.probabilities, c.quantiles) {
                #expect(matches(Quantile.linear(sorted: sorted, probability: p), expected, relative: 1e-15), "q(\(p))")
            }
        }
        #expect(Quantile.linear(sorted: [], probability: 0.5) == nil)
    }

    @Test func proportionZTestMatchesScipyNormal() {
        for c in ReferenceVectors.shared.proportion_z_test {
            let result = ProportionZTest.test(successes1: c.successes1, n1: c.n1, successes2: c.successes2, n2: c.n2)
            #expect(matches(result?.statistic, c.z), "z")
            #expect(matches(result?.pValue, c.pvalue), "p \(String(describing: result)) vs \(c.pvalue)")
        }
    }

    @Test func identicalConstantProportionsDoNotDiffer() {
        #expect(ProportionZTest.test(successes1: 10, n1: 10, successes2: 4, n2: 4) == TestResult(statistic: 0, pValue: 1))
    }

    @Test func psiMatchesTheDefinitionInNumpy() {
        for c in ReferenceVectors.shared.psi_numeric {
            let psi = PopulationStabilityIndex.numeric(sortedReference: c.reference.sorted(), sortedCurrent: c.current.sorted())
            #expect(matches(psi, c.psi), "PSI \(String(describing: psi)) vs \(c.psi)")
        }
        for c in ReferenceVectors.shared.psi_counts {
            #expect(matches(PopulationStabilityIndex.fromCounts(reference: c.reference, current: c.current), c.psi))
        }
    }

    @Test func psiOfAnEmptySideIsUndefined() {
        #expect(PopulationStabilityIndex.numeric(sortedReference: [], sortedCurrent: [1]) == nil)
        #expect(PopulationStabilityIndex.fromCounts(reference: [1, 2], current: [0, 0]) == nil)
    }

    @Test func histogramBinsLikeNumpy() {
        let edges = Histogram.equalWidthEdges(low: 0, high: 1, binCount: 4)
        #expect(edges == [0, 0.25, 0.5, 0.75, 1])
        let h = Histogram(sorted: [0, 0.25, 0.3, 0.99, 1, 1], edges: edges)
        #expect(h.counts == [1, 2, 0, 3])
        #expect(Histogram.equalWidthEdges(low: 2, high: 2, binCount: 1) == [1.5, 2.5])
        #expect(Histogram.sturgesBinCount(low: 0, high: 10, total: 14086) == 15)
        #expect(Histogram.sturgesBinCount(low: 3, high: 3, total: 100) == 1)
    }
}
