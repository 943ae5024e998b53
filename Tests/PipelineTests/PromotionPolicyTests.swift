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

private func timed(auc: Double, seconds: Double, rows: Int = 1_000) -> GateInput {
    GateInput(signature: signature, auc: auc, allProbabilitiesFinite: true, meanProbability: 0.25, scoringSeconds: seconds, rows: rows)
}

@Test func theLatencyGateFollowsSanityAndComparesWithProductionsTimeOnTheSameRows() {
    let fast = PromotionPolicy.decide(candidate: timed(auc: 0.80, seconds: 0.003), production: timed(auc: 0.78, seconds: 0.002), settings: PromotionSettings())
    #expect(fast.gates.map(\.name) == [.compatibility, .sanity, .latency, .qualityFloor, .nonRegression])
    #expect(fast.gates[2].passed && fast.gates[2].observed == 1.5 && fast.gates[2].required == 2.0)
    #expect(fast.decision == .promoted)
    let slow = PromotionPolicy.decide(candidate: timed(auc: 0.80, seconds: 0.005), production: timed(auc: 0.78, seconds: 0.002), settings: PromotionSettings())
    #expect(!slow.gates[2].passed && slow.gates[2].observed == 2.5)
    #expect(slow.decision == .kept && slow.advice.contains("latency"))
}

@Test func aRatioOverTheLimitWithinTimingNoiseDoesNotFailTheLatencyGate() {
    // 1.2 ms against 0.5 ms on 1,000 rows: × 2.4, but 0.7 ms per 1,000 rows.
    let noisy = PromotionPolicy.decide(candidate: timed(auc: 0.80, seconds: 0.0012), production: timed(auc: 0.78, seconds: 0.0005), settings: PromotionSettings())
    let gate = noisy.gates.first { $0.name == .latency }
    #expect(gate?.passed == true && gate?.detail.contains("within timing noise") == true)
}

@Test func anAbsoluteLatencyBudgetIsCheckedPerThousandRows() {
    var settings = PromotionSettings()
    settings.maxLatencyMsPer1000Rows = 1.0
    // 2 ms for 1,000 rows: twice the budget, though no slower than production.
    let over = PromotionPolicy.decide(candidate: timed(auc: 0.80, seconds: 0.002), production: timed(auc: 0.78, seconds: 0.002), settings: settings)
    #expect(over.gates.first { $0.name == .latency }?.passed == false)
    #expect(over.gates.first { $0.name == .latency }?.detail.contains("2.000 ms per 1,000 rows") == true)
    let bootstrap = PromotionPolicy.decide(candidate: timed(auc: 0.80, seconds: 0.0005), production: nil, settings: settings)
    #expect(bootstrap.gates.first { $0.name == .latency }.map { ($0.passed, $0.observed, $0.required) } ?? (false, nil, nil) == (true, 0.5, 1.0))
}

@Test func theModesDecideWhoMovesProduction() {
    var settings = PromotionSettings()
    settings.mode = .semi
    #expect(PromotionPolicy.decide(candidate: model(auc: 0.80), production: model(auc: 0.78), settings: settings).decision == .awaitingApproval)
    #expect(PromotionPolicy.decide(candidate: model(auc: 0.80), production: nil, settings: settings).decision == .awaitingApproval)
    settings.mode = .manual
    let manual = PromotionPolicy.decide(candidate: model(auc: 0.80), production: model(auc: 0.78), settings: settings)
    #expect(manual.decision == .registered && manual.advice.contains("registry promote"))
    // A gate that says no keeps production in every mode.
    #expect(PromotionPolicy.decide(candidate: model(auc: 0.60), production: model(auc: 0.58), settings: settings).decision == .kept)
}

@Test func aCandidateThatBeatsADegradedProductionButMissesTheFloorFollowsWhenDegraded() {
    var settings = PromotionSettings()
    let degraded = ProductionHealth.assess(.init(auc: 0.50, trainedAUC: 0.85), settings: settings)
    #expect(degraded.degraded)
    let held = PromotionPolicy.decide(candidate: model(auc: 0.66), production: model(auc: 0.50), productionHealth: degraded, settings: settings)
    #expect(held.decision == .awaitingApproval && held.gates.filter { !$0.passed }.map(\.name) == [.qualityFloor])
    #expect(held.advice.contains("when_degraded is hold"))
    settings.whenDegraded = .promoteIfBetter
    #expect(PromotionPolicy.decide(candidate: model(auc: 0.66), production: model(auc: 0.50), productionHealth: degraded, settings: settings).decision == .promoted)
    // Not better by δ: kept, and the advice says production is degraded.
    let worse = PromotionPolicy.decide(candidate: model(auc: 0.505), production: model(auc: 0.50), productionHealth: degraded, settings: settings)
    #expect(worse.decision == .kept && worse.advice.contains("production is degraded"))
    // Without the health (a manual re-check of the gates), a candidate under the floor is kept.
    #expect(PromotionPolicy.decide(candidate: model(auc: 0.66), production: model(auc: 0.50), settings: settings).decision == .kept)
}

@Test func productionIsDegradedUnderTheFloorOrByMoreThanMaxDrop() {
    let settings = PromotionSettings()
    #expect(!ProductionHealth.assess(.init(auc: 0.80, trainedAUC: 0.85), settings: settings).degraded, "a drop of exactly max_drop is allowed")
    let dropped = ProductionHealth.assess(.init(auc: 0.79, trainedAUC: 0.85), settings: settings)
    #expect(dropped.degraded && dropped.findings == ["production AUC 0.7900 dropped 0.0600 from 0.8500 recorded when it was trained (max_drop 0.0500)"])
    let floor = ProductionHealth.assess(.init(auc: 0.69, trainedAUC: 0.70), settings: settings)
    #expect(floor.degraded && floor.findings == ["production AUC 0.6900 is under the quality floor 0.7000"])
    #expect(!ProductionHealth.assess(.init(auc: nil, trainedAUC: 0.8), settings: settings).degraded)
}

@Test func onlyConfiguredTriggersFireAndPerformanceComesFirst() {
    let degraded = ProductionHealth.assess(.init(auc: 0.5, trainedAUC: 0.8), settings: PromotionSettings())
    let facts = RetrainTriggerCheck.Facts(driftShare: 0.4, driftThreshold: 0.2, driftWarranted: true, health: degraded, productionAge: 40 * 86_400)
    var settings = RetrainSettings()
    #expect(RetrainTriggerCheck.fired(facts, settings: settings).map(\.trigger) == [.performance, .drift])
    settings.triggers = [.everyPartition, .maxAge, .drift, .performance]
    #expect(RetrainTriggerCheck.fired(facts, settings: settings).map(\.trigger) == [.performance, .drift, .maxAge, .everyPartition])
    settings.triggers = [.maxAge]
    settings.maxAgeDays = 41
    #expect(RetrainTriggerCheck.fired(facts, settings: settings).isEmpty)
    // Without labels, production is not scored: neither performance nor every_partition fire.
    let unlabelled = RetrainTriggerCheck.Facts(driftShare: 0, driftThreshold: 0.2, driftWarranted: false, health: nil, productionAge: 0)
    settings.triggers = RetrainTrigger.configurable
    #expect(RetrainTriggerCheck.fired(unlabelled, settings: settings).isEmpty)
}

@Test func anAUCUnderTheFloorWithinTheNoiseOfASmallMonthDoesNotCount() {
    let settings = PromotionSettings()
    // 0.68 on a 200-row month (standard error 0.035): 0.02 under the floor of 0.70 is 0.6 of
    // them, under the 3 required; the month is reported, not counted as degraded.
    let small = ProductionHealth.assess(.init(auc: 0.68, standardError: 0.035, rows: 200, trainedAUC: 0.70, trainedRows: 200), settings: settings)
    #expect(!small.degraded)
    #expect(small.findings == ["production AUC 0.6800 is under the quality floor 0.7000, but only 0.6 standard errors 0.0350: within the noise of 200 validation rows, so not counted"])
    // The same AUC on 20,000 rows (standard error 0.0035) is 5.7 of them under: degraded.
    #expect(ProductionHealth.assess(.init(auc: 0.68, standardError: 0.0035, rows: 20_000, trainedAUC: 0.70, trainedRows: 20_000), settings: settings).degraded)
    // Far under the floor is degraded on any month, and 0 standard errors is the plain floor.
    #expect(ProductionHealth.assess(.init(auc: 0.45, standardError: 0.035, rows: 200, trainedAUC: 0.70, trainedRows: 200), settings: settings).degraded)
    var plain = settings
    plain.maxDropStandardErrors = 0
    #expect(ProductionHealth.assess(.init(auc: 0.68, standardError: 0.035, rows: 200, trainedAUC: 0.70, trainedRows: 200), settings: plain).degraded)
}

@Test func aDropWithinTheNoiseOfTheValidationRowsDoesNotCount() {
    let settings = PromotionSettings()
    // 0.06 below its trained AUC, but with a standard error of 0.03 on 500 rows each the
    // difference's error is 0.042: 1.4 of them, under the 3 required.
    let noisy = ProductionHealth.assess(.init(auc: 0.79, standardError: 0.03, rows: 500, trainedAUC: 0.85, trainedRows: 500), settings: settings)
    #expect(!noisy.degraded)
    #expect(noisy.findings.first?.contains("within the noise of 500 validation rows") == true)
    // The same drop measured on 50,000 rows is far outside the noise.
    let clear = ProductionHealth.assess(.init(auc: 0.79, standardError: 0.003, rows: 50_000, trainedAUC: 0.85, trainedRows: 50_000), settings: settings)
    #expect(clear.degraded)
    // 0 standard errors is the plain max_drop rule.
    var plain = settings
    plain.maxDropStandardErrors = 0
    #expect(ProductionHealth.assess(.init(auc: 0.79, standardError: 0.03, rows: 500, trainedAUC: 0.85, trainedRows: 500), settings: plain).degraded)
}
