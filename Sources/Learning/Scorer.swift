import Tabular

/// Encoder plus fitted model: what turns table rows into probabilities, before and after the
/// model is wrapped in an artifact (training scores its validation rows with it).
struct Scorer {
    let encoder: FeatureEncoder
    let logistic: LogisticModel?
    let gbdt: GradientBoostedModel?

    /// Rows encoded per block: small enough to stay in cache, large enough to amortise.
    static let block = 4096

    func probabilities(_ table: Table, rows: [Int]?) throws -> [Double] {
        let rows = rows ?? Array(0..<table.rowCount)
        let columns = try encoder.resolveColumns(in: table)
        let width = encoder.width
        var probabilities = [Double](repeating: 0, count: rows.count)
        // A single row (a serving request) must not pay for zeroing a whole block.
        var block = [Double](repeating: 0, count: max(1, min(Self.block, rows.count)) * width)
        block.withUnsafeMutableBufferPointer { x in
            probabilities.withUnsafeMutableBufferPointer { out in
                var start = 0
                while start < rows.count {
                    let end = min(start + Self.block, rows.count)
                    let count = end - start
                    x.baseAddress!.update(repeating: 0, count: count * width)
                    encoder.encode(columns: columns, rows: rows[start..<end], into: x.baseAddress!, width: width)
                    let scores = out.baseAddress! + start
                    if let logistic {
                        logistic.decisionFunction(x.baseAddress!, rows: count, into: scores)
                    } else if let gbdt {
                        gbdt.decisionFunction(x.baseAddress!, rows: count, width: width, into: scores)
                    }
                    for i in 0..<count { scores[i] = sigmoid(scores[i]) }
                    start = end
                }
            }
        }
        return probabilities
    }
}
