import Foundation
import Hummingbird
import HummingbirdTesting
import Serving
import Testing

@Suite struct StatusEndpointTests {
    typealias F = ServingFixture

    @Test func beforeAModelIsRegisteredHealthIsOkAndReadySays503WithTheReason() async throws {
        let fixture = try F(versions: 0, features: false)
        defer { fixture.remove() }
        try await fixture.withServer(waitForModel: false) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(F.json(response.body)["status"] as? String == "ok")
                OpenAPIConformance.check(response, path: "/health", method: "GET")
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let problems = F.json(response.body)["problems"] as? [String] ?? []
                #expect(problems.contains { $0.contains("no production version") })
                #expect(problems.contains { $0.contains("no online feature table") })
                OpenAPIConformance.check(response, path: "/ready", method: "GET")
            }
            for (uri, method) in [("/v1/model", HTTPRequest.Method.get), ("/v1/predict", .post), ("/v1/predict/by-key", .post)] {
                try await client.execute(uri: uri, method: method, body: ByteBuffer(string: #"{"instances": [{}]}"#)) { response in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    #expect((F.json(response.body)["error"] as? [String: Any])?["code"] as? String == "not_ready")
                    OpenAPIConformance.check(response, path: uri, method: method.rawValue)
                }
            }
        }
    }

    @Test func readyOnceTheModelAndFeaturesAreLoaded() async throws {
        let fixture = try F(versions: 1, features: false)
        defer { fixture.remove() }
        let state = fixture.state
        try await fixture.withServer(waitForModel: false) { client in
            #expect(await F.eventually { state.model != nil })
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(F.json(response.body)["model_version"] as? Int == 1)
            }
            try fixture.writeFeatures(month: 1)
            #expect(await F.eventually { state.features != nil })
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                let body = F.json(response.body)
                #expect(body["status"] as? String == "ready")
                #expect(body["feature_partition"] as? String == "month_001")
                #expect(body["problems"] as? [String] == [])
                OpenAPIConformance.check(response, path: "/ready", method: "GET")
            }
        }
    }

    @Test func modelDescribesTheServedVersion() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let artifact = F.artifacts[0]
        try await fixture.withServer { client in
            try await client.execute(uri: "/v1/model", method: .get) { response in
                #expect(response.status == .ok)
                let body = F.json(response.body)
                #expect(body["name"] as? String == "churn")
                #expect(body["version"] as? Int == 1)
                #expect(body["aliases"] as? [String] == ["production"])
                #expect(body["key"] as? String == "user_id")
                let features = (body["signature"] as? [String: Any])?["features"] as? [[String: Any]] ?? []
                #expect(features.map { $0["name"] as? String } == artifact.signature.features.map(\.name))
                #expect(features.map { $0["type"] as? String } == artifact.signature.features.map(\.type.rawValue))
                #expect((body["lineage"] as? [String: Any])?["partition"] as? String == "month_000")
                #expect(body["loaded_at"] is String)
                OpenAPIConformance.check(response, path: "/v1/model", method: "GET")
            }
        }
    }

    @Test func metricsCountRequestsPredictionsAndReloads() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        try await fixture.withServer { client in
            try await client.execute(uri: "/v1/predict", method: .post, body: F.body((0..<4).map { F.instance(F.months[1], row: $0) })) { _ in }
            try await client.execute(uri: "/v1/predict", method: .post, body: ByteBuffer(string: "nope")) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"\#(ServingMetrics.predictions){version="1"}"#))
                #expect(text.contains(ServingMetrics.modelVersion))
                #expect(text.contains(#"\#(ServingMetrics.reloads){outcome="loaded"}"#))
                // Hummingbird's request counter and latency histogram, by route and status.
                #expect(text.contains(#"http_route="/v1/predict""#))
                #expect(text.contains(#"http_response_status_code="400""#))
                #expect(text.contains("http_server_request_duration_bucket"))
                OpenAPIConformance.check(response, path: "/metrics", method: "GET")
            }
        }
    }

    @Test func theOpenAPIDocumentIsServedAndListsEveryRoute() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        try await fixture.withServer { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let document = F.json(response.body)
                #expect(document["openapi"] as? String == "3.1.0")
                let paths = Set((document["paths"] as? [String: Any] ?? [:]).keys)
                #expect(paths == ["/health", "/ready", "/v1/routing", "/v1/model", "/v1/predict", "/v1/predict/by-key", "/metrics", "/openapi.json"])
                OpenAPIConformance.check(response, path: "/openapi.json", method: "GET")
            }
        }
    }
}
