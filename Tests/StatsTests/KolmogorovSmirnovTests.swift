import Testing
@testable import Stats

@Suite struct KolmogorovSmirnovTests {
    @Test(arguments: ReferenceVectors.shared.ks_2samp.map(\.name))
    func twoSampleMatchesScipy(name: String) throws {
        let c = try #require(ReferenceVectors.shared.ks_2samp.first { $0.name == name })
        let result = try #require(KolmogorovSmirnov.twoSample(c.a, c.b))
        #expect(matches(result.statistic, c.statistic), "D \(result.statistic) vs scipy \(c.statistic)")
        #expect(matches(result.pValue, c.pvalue), "p \(result.pValue) vs scipy \(c.pvalue)")
    }

    @Test func theKolmogorovDistributionMatchesScipyKstwoInEveryBranch() {
        for c in ReferenceVectors.shared.kstwo_sf {
            let sf = KolmogorovDistribution.survival(c.x, n: c.n)
            #expect(matches(sf, c.sf), "kstwo.sf(\(c.x), \(c.n)) = \(sf), scipy \(c.sf)")
        }
    }

    @Test func theSmirnovDistributionMatchesScipy() {
        for c in ReferenceVectors.shared.smirnov_sf {
            let sf = Smirnov.survival(c.x, n: c.n)
            #expect(matches(sf, c.sf), "smirnov(\(c.n), \(c.x)) = \(sf), scipy \(c.sf)")
        }
    }

    @Test func anEmptySampleCannotBeTested() {
        #expect(KolmogorovSmirnov.twoSample([], [1, 2]) == nil)
        #expect(KolmogorovSmirnov.twoSample([1], []) == nil)
    }

    @Test func theTestIsSymmetricInItsSamples() throws {
        let a: [Double] = [0.3, 1.2, 2.2, 2.2, 5.0], b: [Double] = [0.1, 2.2, 3.3]
        let ab = try #require(KolmogorovSmirnov.twoSample(a, b))
        let ba = try #require(KolmogorovSmirnov.twoSample(b, a))
        #expect(ab == ba)
    }
}
