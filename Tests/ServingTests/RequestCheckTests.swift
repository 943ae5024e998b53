import Foundation
import Hummingbird
import HummingbirdTesting
import Serving
import Testing

/// Every way a request can break the signature gets a 4xx whose JSON error names the row and
/// the field, and the server keeps answering afterwards.
@Suite struct RequestCheckTests {
    typealias F = ServingFixture

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let contentType: String
        let body: String
        let status: Int
        let code: String
        var row: Int? = nil
        var field: String? = nil
        var testDescription: String { name }
    }

    static func row(_ index: Int, _ edit: (inout [String: Any]) -> Void) -> [String: Any] {
        var row = F.instance(F.months[1], row: index)
        edit(&row)
        return row
    }

    static func json(_ rows: [[String: Any]]) -> String {
        String(buffer: F.body(rows))
    }

    static let refusals: [Refusal] = [
        Refusal(name: "missing feature", contentType: "application/json",
                body: json([row(0) { _ in }, row(1) { $0["monthly_fee"] = nil }]), status: 422, code: "missing_field", row: 1, field: "monthly_fee"),
        Refusal(name: "string for an integer", contentType: "application/json",
                body: json([row(0) { $0["months_active"] = "twelve" }]), status: 422, code: "wrong_type", row: 0, field: "months_active"),
        Refusal(name: "fraction for an integer", contentType: "application/json",
                body: json([row(0) { _ in }, row(1) { _ in }, row(2) { $0["skips_7d"] = 2.5 }]), status: 422, code: "wrong_type", row: 2, field: "skips_7d"),
        Refusal(name: "number for a boolean", contentType: "application/json",
                body: json([row(0) { $0["has_family"] = 1 }]), status: 422, code: "wrong_type", row: 0, field: "has_family"),
        Refusal(name: "number for a category", contentType: "application/json",
                body: json([row(0) { $0["contract_type"] = 2 }]), status: 422, code: "wrong_type", row: 0, field: "contract_type"),
        Refusal(name: "object for a number", contentType: "application/json",
                body: json([row(0) { $0["monthly_fee"] = ["value": 3] }]), status: 422, code: "wrong_type", row: 0, field: "monthly_fee"),
        Refusal(name: "unknown field", contentType: "application/json",
                body: json([row(0) { $0["churn_label"] = true }]), status: 422, code: "unknown_field", row: 0, field: "churn_label"),
        Refusal(name: "unknown top-level field", contentType: "application/json",
                body: #"{"instances": [], "extra": 1}"#, status: 422, code: "unknown_field", field: "extra"),
        Refusal(name: "row that is not an object", contentType: "application/json",
                body: #"{"instances": [[1, 2]]}"#, status: 422, code: "wrong_type", row: 0),
        Refusal(name: "empty batch", contentType: "application/json",
                body: #"{"instances": []}"#, status: 422, code: "empty_batch", field: "instances"),
        Refusal(name: "no instances", contentType: "application/json", body: #"{}"#, status: 422, code: "missing_field", field: "instances"),
        Refusal(name: "not JSON", contentType: "application/json", body: #"{"instances": [{"#, status: 400, code: "invalid_json"),
        Refusal(name: "binary junk", contentType: "application/json", body: "\u{0}\u{1}\u{FFFD}garbage", status: 400, code: "invalid_json"),
        Refusal(name: "JSON that is not an object", contentType: "application/json", body: "[1, 2, 3]", status: 422, code: "wrong_type"),
        Refusal(name: "neither JSON nor CSV", contentType: "application/xml", body: "<instances/>", status: 415, code: "unsupported_media_type"),
        Refusal(name: "CSV without a feature", contentType: "text/csv",
                body: F.csv(F.months[1], rows: 0..<2).replacingOccurrences(of: ",monthly_fee,", with: ",monthly_fee_typo,"), status: 422, code: "unknown_field", field: "monthly_fee_typo"),
        Refusal(name: "CSV without most features", contentType: "text/csv",
                body: "user_id,months_active\nu1,abc\n", status: 422, code: "missing_field", field: "user_gender"),
        Refusal(name: "CSV header only", contentType: "text/csv", body: F.csv(F.months[1], rows: 0..<0), status: 422, code: "empty_batch"),
        Refusal(name: "CSV empty", contentType: "text/csv", body: "", status: 400, code: "invalid_csv"),
    ]

    @Test(arguments: refusals)
    func refusedWithTheRowAndField(_ refusal: Refusal) async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let table = F.months[1]
        try await fixture.withServer { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: [.contentType: refusal.contentType], body: ByteBuffer(string: refusal.body)) { response in
                #expect(Int(response.status.code) == refusal.status)
                let error = try #require(F.json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == refusal.code)
                #expect(error["row"] as? Int == refusal.row)
                #expect(error["field"] as? String == refusal.field)
                #expect((error["message"] as? String)?.isEmpty == false)
                OpenAPIConformance.check(response, path: "/v1/predict", method: "POST")
            }
            // Still serving, and as fast to answer a good row.
            try await client.execute(uri: "/v1/predict", method: .post, body: F.body([F.instance(table, row: 0)])) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func aWrongValueInACSVRowNamesItsRowAndColumn() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        var lines = F.csv(F.months[1], rows: 0..<5).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "months_active"))
        var fields = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[column] = "many"
        lines[3] = fields.joined(separator: ",")
        let body = ByteBuffer(string: lines.joined(separator: "\n") + "\n")
        try await fixture.withServer { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: [.contentType: "text/csv"], body: body) { response in
                #expect(response.status == .unprocessableContent)
                let error = try #require(F.json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == "wrong_type")
                #expect(error["row"] as? Int == 2)
                #expect(error["field"] as? String == "months_active")
                #expect((error["message"] as? String)?.contains("'many'") == true)
            }
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWith413() async throws {
        var fixture = try F()
        defer { fixture.remove() }
        fixture.settings.bodyLimitBytes = 2_000
        let big = F.body((0..<40).map { F.instance(F.months[1], row: $0) })
        #expect(big.readableBytes > 2_000)
        try await fixture.withServer { client in
            for headers: HTTPFields in [[:], [.contentLength: String(big.readableBytes)]] {
                try await client.execute(uri: "/v1/predict", method: .post, headers: headers, body: big) { response in
                    #expect(response.status == .contentTooLarge)
                    #expect((F.json(response.body)["error"] as? [String: Any])?["code"] as? String == "body_too_large")
                    OpenAPIConformance.check(response, path: "/v1/predict", method: "POST")
                }
            }
            try await client.execute(uri: "/v1/predict/by-key", method: .post, body: big) { response in
                #expect(response.status == .contentTooLarge)
                OpenAPIConformance.check(response, path: "/v1/predict/by-key", method: "POST")
            }
        }
    }

    @Test func byKeyTakesExactlyTheContractsKey() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let cases: [(String, String, Int, String, String?)] = [
            (#"{"user_id": "a", "tenure": 3}"#, "application/json", 422, "unknown_field", "tenure"),
            (#"{}"#, "application/json", 422, "missing_field", "user_id"),
            (#"{"user_id": true}"#, "application/json", 422, "wrong_type", "user_id"),
            (#"{"user_id": "#, "application/json", 400, "invalid_json", nil),
            (#"["user_id"]"#, "application/json", 422, "wrong_type", nil),
            ("user_id\nx\n", "text/csv", 415, "unsupported_media_type", nil),
        ]
        try await fixture.withServer { client in
            for (body, type, status, code, field) in cases {
                try await client.execute(uri: "/v1/predict/by-key", method: .post, headers: [.contentType: type], body: ByteBuffer(string: body)) { response in
                    #expect(Int(response.status.code) == status, "\(body)")
                    let error = F.json(response.body)["error"] as? [String: Any]
                    #expect(error?["code"] as? String == code, "\(body)")
                    #expect(error?["field"] as? String == field, "\(body)")
                    OpenAPIConformance.check(response, path: "/v1/predict/by-key", method: "POST")
                }
            }
        }
    }
}
