import TestSupport
import Foundation
import Testing
@testable import Drift

@Suite struct DriftSettingsTests {
    @Test func missingKeysTakeTheirDefaults() throws {
        let empty = try JSONDecoder().decode(DriftSettings.self, from: Data("{}".utf8))
        #expect(empty == DriftSettings(threshold: 0.2, method: .default, features: [:]))
    }

    @Test func overridesDecodeFromSnakeCaseMethodNames() throws {
        let json = #"{"threshold": 0.3, "method": "auto", "features": {"tenure": {"method": "jensen_shannon"}, "fee": {"threshold": 0.01}}}"#
        let settings = try JSONDecoder().decode(DriftSettings.self, from: Data(json.utf8))
        #expect(settings.threshold == 0.3 && settings.method == .auto)
        #expect(settings.features["tenure"] == FeatureOverride(method: .jensenShannon))
        #expect(settings.features["fee"] == FeatureOverride(threshold: 0.01))
    }

    @Test func anUnknownMethodIsRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DriftSettings.self, from: Data(#"{"method": "magic"}"#.utf8))
        }
    }
}
