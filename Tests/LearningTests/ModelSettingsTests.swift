import Foundation
import Testing
import Yams
@testable import Learning

@Suite struct ModelSettingsTests {
    @Test func partialYAMLKeepsTheDefaultsForEveryKeyNotGiven() throws {
        let yaml = """
            kind: gbdt
            gbdt:
              learning_rate: 0.05
              early_stopping: "off"
            """
        let settings = try YAMLDecoder().decode(ModelSettings.self, from: yaml)
        #expect(settings.kind == .gbdt)
        #expect(settings.gbdt.learningRate == 0.05)
        #expect(settings.gbdt.earlyStopping == .off)
        #expect(settings.gbdt.maxLeafNodes == 31)
        #expect(settings.gbdt.maxBins == 255)
        #expect(settings.logistic == LogisticSettings())
        #expect(settings.split == SplitSettings(validationShare: 0.25, seed: 42))
    }

    @Test func anEmptyObjectIsTheDefaultLogisticModel() throws {
        let settings = try JSONDecoder().decode(ModelSettings.self, from: Data("{}".utf8))
        #expect(settings == ModelSettings())
        #expect(settings.kind == .logistic)
        #expect(settings.logistic.c == 1.0)
    }

    @Test func impossibleSettingsAreNamedAsWrittenInTheConfig() {
        var settings = ModelSettings()
        settings.gbdt.maxBins = 300
        #expect(settings.validationProblem() == "model.gbdt.max_bins must be between 2 and 255, found 300")
    }
}
