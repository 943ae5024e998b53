import Stats
import Tabular

/// The label's positive rate, reference vs current, tested with the pooled two-proportion z-test.
enum LabelComparison {
    static func drift(name: String, reference: Column, current: Column) -> LabelDrift {
        let positive = positiveValue(reference: reference, current: current)
        let ref = positiveCount(reference, positive: positive)
        let cur = positiveCount(current, positive: positive)
        let test = ProportionZTest.test(successes1: ref.positives, n1: ref.present, successes2: cur.positives, n2: cur.present)
        return LabelDrift(
            name: name,
            positiveValue: positive,
            positiveRate: SidePair(
                reference: ref.present == 0 ? nil : Double(ref.positives) / Double(ref.present),
                current: cur.present == 0 ? nil : Double(cur.positives) / Double(cur.present)
            ),
            z: test?.statistic,
            pValue: test?.pValue,
            drifted: (test?.pValue).map { $0 < LabelDrift.significance } ?? false
        )
    }

    /// true for booleans, "1" (any non-zero number) for numbers, and for categories the
    /// reference's least frequent one — with a binary label that is the minority class.
    private static func positiveValue(reference: Column, current: Column) -> String? {
        switch reference.values {
        case .boolean: return "True"
        case .integer, .float, .date: return "1"
        case .categorical:
            guard case .categorical(let categories, let counts, _) = FeatureValues.categorical(reference: reference, current: current)
            else { return nil }
            let seen = categories.indices.filter { counts[$0] > 0 }
            return seen.min { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : categories[$0] < categories[$1] }.map { categories[$0] }
        }
    }

    private static func positiveCount(_ column: Column, positive: String?) -> (positives: Int, present: Int) {
        var positives = 0, present = 0
        let positiveCode = positive.flatMap { text -> Int32? in
            guard case .categorical(_, let categories) = column.values else { return nil }
            return categories.firstIndex(of: text).map { Int32($0) }
        }
        for i in 0..<column.count where column.isPresent[i] {
            present += 1
            switch column.values {
            case .boolean(let v): if v[i] { positives += 1 }
            case .integer, .float, .date: if let x = column.double(at: i), x != 0 { positives += 1 }
            case .categorical(let codes, _): if codes[i] == positiveCode { positives += 1 }
            }
        }
        return (positives, present)
    }
}
