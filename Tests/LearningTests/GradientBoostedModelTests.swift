import Stats
import Testing
@testable import Learning

@Suite struct GradientBoostedModelTests {
    /// Label = exactly one of two inputs is high: no linear model can learn it, trees can.
    static func xorData(rows: Int, seed: UInt64) -> (FeatureMatrix, [Bool]) {
        var g = SplitMix64(seed: seed)
        var values: [Double] = []
        var labels: [Bool] = []
        for _ in 0..<rows {
            let a = Double(g.next() >> 11) / Double(1 << 53)
            let b = Double(g.next() >> 11) / Double(1 << 53)
            values += [a, b]
            labels.append((a > 0.5) != (b > 0.5))
        }
        return (FeatureMatrix(rows: rows, columns: 2, values: values), labels)
    }

    static func probabilities(_ model: GradientBoostedModel, _ x: FeatureMatrix) -> [Double] {
        var out = [Double](repeating: 0, count: x.rows)
        x.values.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                model.decisionFunction(xs.baseAddress!, rows: x.rows, width: x.columns, into: o.baseAddress!)
            }
        }
        return out.map(sigmoid)
    }

    @Test func learnsAnInteractionThatALinearModelCannot() {
        let (x, y) = Self.xorData(rows: 2000, seed: 1)
        let (testX, testY) = Self.xorData(rows: 1000, seed: 2)
        let model = GradientBoostedModel(fitting: x, labels: y, settings: GradientBoostingSettings())
        let auc = BinaryMetrics(labels: testY, probabilities: Self.probabilities(model, testX)).rocAuc ?? 0
        #expect(auc > 0.98)
        let linear = LogisticModel(fitting: x, labels: y, settings: LogisticSettings())
        var linearScores = [Double](repeating: 0, count: testX.rows)
        testX.values.withUnsafeBufferPointer { xs in
            linearScores.withUnsafeMutableBufferPointer { linear.decisionFunction(xs.baseAddress!, rows: testX.rows, into: $0.baseAddress!) }
        }
        #expect((BinaryMetrics(labels: testY, probabilities: linearScores).rocAuc ?? 1) < 0.6)
    }

    @Test func sameSeedAndDataGiveIdenticalTrees() {
        let (x, y) = Self.xorData(rows: 12_000, seed: 3)  // above 10,000 rows: early stopping hold-out is drawn
        let settings = GradientBoostingSettings(maxIter: 15)
        #expect(GradientBoostedModel(fitting: x, labels: y, settings: settings) == GradientBoostedModel(fitting: x, labels: y, settings: settings))
    }

    @Test func treesRespectLeafAndDepthLimits() {
        let (x, y) = Self.xorData(rows: 1000, seed: 4)
        let leafLimited = GradientBoostedModel(fitting: x, labels: y, settings: GradientBoostingSettings(maxIter: 5, maxLeafNodes: 4))
        for tree in leafLimited.trees { #expect(tree.feature.filter { $0 < 0 }.count <= 4) }
        let depthLimited = GradientBoostedModel(fitting: x, labels: y, settings: GradientBoostingSettings(maxIter: 5, maxDepth: 1))
        for tree in depthLimited.trees { #expect(tree.nodeCount <= 3) }
    }

    @Test func missingnessThatCarriesSignalIsLearnedNatively() {
        // The label is "the first input is missing"; the second input is noise.
        var g = SplitMix64(seed: 5)
        var values: [Double] = []
        var labels: [Bool] = []
        for _ in 0..<1000 {
            let missing = g.nextIndex(below: 3) == 0
            values += [missing ? .nan : Double(g.nextIndex(below: 100)), Double(g.nextIndex(below: 100))]
            labels.append(missing)
        }
        let x = FeatureMatrix(rows: 1000, columns: 2, values: values)
        let model = GradientBoostedModel(fitting: x, labels: labels, settings: GradientBoostingSettings(maxIter: 20))
        let p = Self.probabilities(model, x)
        #expect(BinaryMetrics(labels: labels, probabilities: p).accuracy == 1)
    }

    @Test func earlyStoppingEndsBoostingWhenHeldOutLossStopsImproving() {
        // Pure noise: the held-out loss cannot improve for long.
        var g = SplitMix64(seed: 6)
        let rows = 11_000
        let x = FeatureMatrix(rows: rows, columns: 1, values: (0..<rows).map { _ in Double(g.nextIndex(below: 1000)) })
        let labels = (0..<rows).map { _ in g.nextIndex(below: 2) == 0 }
        let model = GradientBoostedModel(fitting: x, labels: labels, settings: GradientBoostingSettings())
        #expect(model.stoppedEarly)
        #expect(model.trees.count < 100)
        let noStopping = GradientBoostedModel(
            fitting: x, labels: labels, settings: GradientBoostingSettings(maxIter: 12, earlyStopping: .off))
        #expect(!noStopping.stoppedEarly && noStopping.trees.count == 12)
    }

    @Test func stoppingRuleMatchesScikitLearn() {
        #expect(GradientBoostedModel.shouldStop(scores: [-0.7, -0.6, -0.6], patience: 2) == false)
        #expect(GradientBoostedModel.shouldStop(scores: [-0.5, -0.6, -0.55], patience: 2))
        #expect(GradientBoostedModel.shouldStop(scores: [-0.6, -0.6, -0.6], patience: 2))
        #expect(GradientBoostedModel.shouldStop(scores: [-0.6, -0.6], patience: 2) == false)
    }
}
