import Registry
import Testing
@testable import Pipeline

private let signature = ["tenure:integer", "plan:categorical", "output:probability"]

private func model(auc: Double, mean: Double = 0.25, finite: Bool = true, signature: [String] = signature) -> GateInput {
    GateInput(signature: signature, auc: auc, allProbabilitiesFinite: finite, meanProbability: mean)
}

@Test func aCandidateBetterByMoreThanDeltaIsPromoted() {
    let (gates, decision, _) = PromotionPolicy.decide(candidate: model(auc: 0.80), production: model(auc: 0.78), settings: PromotionSettings())
    #expect(decision == .promoted)
    #expect(gates.map(\.name) == [.compatibility, .sanity, .qualityFloor, .nonRegression])
    #expect(gates.allSatisfy { $0.passed })
    #expect(gates.last?.required == 0.78 + 0.01)
}

@Test func aCandidateBetterByLessThanDeltaIsKept() {
    let (gates, decision, _) = PromotionPolicy.decide(candidate: model(auc: 0.785), production: model(auc: 0.78), settings: PromotionSettings())
    #expect(decision == .kept)
    #expect(gates.filter { !$0.passed }.map(\.name) == [.nonRegression])
}

@Test func anImprovementOfExactlyDeltaPasses() {
    let (_, decision, _) = PromotionPolicy.decide(candidate: model(auc: 0.79), production: model(auc: 0.78), settings: PromotionSettings())
    #expect(decision == .promoted)
}

@Test func withoutProductionTheFloorDecidesBootstrap() {
    #expect(PromotionPolicy.decide(candidate: model(auc: 0.71), production: nil, settings: PromotionSettings()).decision == .bootstrap)
    let (gates, decision, _) = PromotionPolicy.decide(candidate: model(auc: 0.65), production: nil, settings: PromotionSettings())
    #expect(decision == .kept)
    #expect(gates.first { $0.name == .qualityFloor }?.passed == false)
    #expect(!gates.contains { $0.name == .nonRegression })
}

@Test func aDifferentSignatureFailsCompatibilityAndNamesTheDifference() {
    let other = ["tenure:integer", "plan:float", "output:probability"]
    let (gates, decision, _) = PromotionPolicy.decide(candidate: model(auc: 0.9, signature: other), production: model(auc: 0.7), settings: PromotionSettings())
    #expect(decision == .kept)
    let compatibility = gates[0]
    #expect(!compatibility.passed)
    #expect(compatibility.detail.contains("missing plan:categorical") && compatibility.detail.contains("new plan:float"))
}

@Test(arguments: [(0.005, true), (0.995, true), (0.5, false)])
func degeneratePredictionsFailSanity(mean: Double, finite: Bool) {
    let (gates, decision, _) = PromotionPolicy.decide(candidate: model(auc: 0.9, mean: mean, finite: finite), production: nil, settings: PromotionSettings())
    #expect(decision == .kept)
    #expect(gates.first { $0.name == .sanity }?.passed == false)
}

@Test func thresholdsComeFromTheSettings() {
    var settings = PromotionSettings()
    settings.minImprovement = 0
    settings.qualityFloor = 0.6
    #expect(PromotionPolicy.decide(candidate: model(auc: 0.65), production: model(auc: 0.65), settings: settings).decision == .promoted)
}

@Test func aProductionModelThatCannotScoreTheRowsFailsNonRegressionWithoutNumbers() {
    let production = GateInput(signature: ["other:float", "output:probability"], auc: nil, allProbabilitiesFinite: true, meanProbability: 0)
    let (gates, decision, _) = PromotionPolicy.decide(candidate: model(auc: 0.9), production: production, settings: PromotionSettings())
    #expect(decision == .kept)
    #expect(gates.filter { !$0.passed }.map(\.name) == [.compatibility, .nonRegression])
    #expect(gates.last?.detail.hasPrefix("not measured") == true)
}
