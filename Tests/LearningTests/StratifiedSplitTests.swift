import Testing
@testable import Learning

@Suite struct StratifiedSplitTests {
    @Test func splitMatchesTheDocumentedAlgorithmReimplementedInPython() throws {
        for c in try ReferenceVectors.load().splits {
            let split = StratifiedSplit(labels: c.labels, validationShare: 0.25, seed: c.seed)
            #expect(split.training == c.training, "seed \(c.seed)")
            #expect(split.validation == c.validation, "seed \(c.seed)")
        }
    }

    @Test func eachClassSendsARoundedQuarterToValidation() {
        let labels = (0..<1000).map { $0 % 7 == 0 }  // 143 positives, 857 negatives
        let split = StratifiedSplit(labels: labels, validationShare: 0.25, seed: 42)
        let validationPositives = split.validation.filter { labels[$0] }.count
        #expect(validationPositives == 36)  // round(35.75)
        #expect(split.validation.count - validationPositives == 214)  // round(214.25)
        #expect(Set(split.training).isDisjoint(with: split.validation))
        #expect(split.training.count + split.validation.count == 1000)
    }

    @Test func differentSeedsGiveDifferentRows() {
        let labels = (0..<200).map { $0 % 3 == 0 }
        let a = StratifiedSplit(labels: labels, validationShare: 0.25, seed: 1)
        let b = StratifiedSplit(labels: labels, validationShare: 0.25, seed: 2)
        #expect(a.validation != b.validation)
        #expect(a == StratifiedSplit(labels: labels, validationShare: 0.25, seed: 1))
    }
}
