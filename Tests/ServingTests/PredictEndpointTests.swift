import Foundation
import Hummingbird
import HummingbirdTesting
import Learning
import Serving
import Tabular
import Testing

@Suite struct PredictEndpointTests {
    typealias F = ServingFixture

    @Test func jsonRowsGetTheProbabilitiesTheArtifactGivesWithTheVersionInBodyAndHeader() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let table = F.months[1]
        let rows = Array(0..<25)
        let expected = try F.artifacts[0].predictProbabilities(table, rows: rows)
        try await fixture.withServer { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: [.contentType: "application/json"], body: F.body(rows.map { F.instance(table, row: $0) })) { response in
                #expect(response.status == .ok)
                #expect(response.headers[ServingAPI.modelVersionHeader] == "1")
                let body = F.json(response.body)
                #expect(body["model_version"] as? Int == 1)
                #expect(body["model"] as? String == "churn")
                let probabilities = try #require(body["probabilities"] as? [Double])
                #expect(probabilities.count == expected.count)
                for (got, want) in zip(probabilities, expected) { #expect(abs(got - want) < 1e-12) }
                OpenAPIConformance.check(response, path: "/v1/predict", method: "POST")
            }
        }
    }

    @Test func csvBodiesAreScoredLikeTheSameRowsInJSON() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let table = F.months[1]
        let expected = try F.artifacts[0].predictProbabilities(table, rows: Array(100..<300))
        try await fixture.withServer { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: [.contentType: "text/csv; charset=utf-8"], body: ByteBuffer(string: F.csv(table, rows: 100..<300))) { response in
                #expect(response.status == .ok)
                let probabilities = try #require(F.json(response.body)["probabilities"] as? [Double])
                #expect(probabilities.count == 200)
                for (got, want) in zip(probabilities, expected) { #expect(abs(got - want) < 1e-12) }
                OpenAPIConformance.check(response, path: "/v1/predict", method: "POST")
            }
        }
    }

    @Test func nullIsAcceptedForEveryFeatureBecauseTheEncoderImputesIt() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        var row: [String: Any] = [:]
        for feature in F.contract.features { row[feature.name] = NSNull() }
        let body = F.body([row])
        try await fixture.withServer { client in
            try await client.execute(uri: "/v1/predict", method: .post, body: body) { response in
                #expect(response.status == .ok)
                let probabilities = try #require(F.json(response.body)["probabilities"] as? [Double])
                #expect(probabilities.count == 1 && probabilities[0] > 0 && probabilities[0] < 1)
            }
        }
    }

    @Test func byKeyScoresTheKeysRowOfTheOnlineFeatureTable() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let features = try OnlineFeatureTable.load(from: fixture.featureTable)
        let key = try #require(F.months[1].column(named: "user_id")?.text(at: 42))
        let expected = try F.artifacts[0].predictProbabilities(features.table, rows: [try #require(features.row(forKey: key))])[0]
        try await fixture.withServer { client in
            try await client.execute(uri: "/v1/predict/by-key", method: .post, headers: [.contentType: "application/json"], body: F.body(json: ["user_id": key])) { response in
                #expect(response.status == .ok)
                #expect(response.headers[ServingAPI.modelVersionHeader] == "1")
                let body = F.json(response.body)
                #expect(body["key"] as? String == key)
                #expect(body["feature_partition"] as? String == "month_001")
                #expect(abs((body["probability"] as? Double ?? -1) - expected) < 1e-12)
                OpenAPIConformance.check(response, path: "/v1/predict/by-key", method: "POST")
            }
            try await client.execute(uri: "/v1/predict/by-key", method: .post, body: F.body(json: ["user_id": "nobody"])) { response in
                #expect(response.status == .notFound)
                let error = F.json(response.body)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "unknown_key")
                #expect(error?["field"] as? String == "user_id")
                #expect((error?["message"] as? String)?.contains("nobody") == true)
                OpenAPIConformance.check(response, path: "/v1/predict/by-key", method: "POST")
            }
        }
    }

    @Test func everyScoredRowLandsInTheDaysPredictionLog() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let table = F.months[1]
        let key = table.column(named: "user_id")!.text(at: 7)!
        let ids = try await fixture.withServer { client in
            let first = try await client.execute(uri: "/v1/predict", method: .post, headers: [ServingAPI.requestIDHeader: "batch-1"], body: F.body((0..<3).map { F.instance(table, row: $0) })) { $0 }
            let second = try await client.execute(uri: "/v1/predict/by-key", method: .post, body: F.body(json: ["user_id": key])) { $0 }
            return (first.headers[ServingAPI.requestIDHeader], F.json(second.body)["request_id"] as? String, F.json(second.body)["probability"] as? Double)
        }
        #expect(ids.0 == "batch-1")
        fixture.predictionLog.flush()
        let file = fixture.logDirectory.appendingPathComponent(PredictionLog.fileName(for: Date()))
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { try JSONDecoder.iso8601.decode(PredictionRecord.self, from: Data($0.utf8)) }
        #expect(lines.count == 4)
        #expect(lines.prefix(3).allSatisfy { $0.requestID == "batch-1" && $0.modelVersion == 1 && $0.schemaVersion == 1 })
        #expect(lines.prefix(3).map(\.key) == (0..<3).map { table.column(named: "user_id")!.text(at: $0) })
        #expect(lines[3].requestID == ids.1 && lines[3].key == key && abs(lines[3].probability - (ids.2 ?? -1)) < 1e-12)
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
