import Foundation
import HummingbirdTesting
import Serving
import Testing

/// Holds a response to the committed OpenAPI document: the path and method exist, the status
/// is documented for them, the content type is the documented one, and a JSON body carries
/// every field its schema requires (nested objects and array items too).
enum OpenAPIConformance {
    nonisolated(unsafe) static let document = try! JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as! [String: Any]

    static func check(_ response: TestResponse, path: String, method: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let paths = document["paths"] as? [String: Any] ?? [:]
        guard let operation = (paths[path] as? [String: Any])?[method.lowercased()] as? [String: Any] else {
            Issue.record("\(method) \(path) is not in openapi.json", sourceLocation: sourceLocation)
            return
        }
        let status = String(response.status.code)
        guard let documented = (operation["responses"] as? [String: Any])?[status] as? [String: Any] else {
            Issue.record("\(method) \(path) answered \(status), which openapi.json does not list", sourceLocation: sourceLocation)
            return
        }
        let content = documented["content"] as? [String: Any] ?? [:]
        let type = response.headers[.contentType].flatMap { $0.split(separator: ";").first.map(String.init) } ?? ""
        guard let media = content[type] as? [String: Any] else {
            Issue.record("\(method) \(path) \(status) answered \(type), openapi.json documents \(content.keys.sorted())", sourceLocation: sourceLocation)
            return
        }
        guard type == "application/json", let schema = media["schema"] as? [String: Any] else { return }
        let body = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
        for problem in problems(body, schema: schema, at: "body") {
            Issue.record("\(method) \(path) \(status): \(problem)", sourceLocation: sourceLocation)
        }
    }

    private static func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        let name = ref.split(separator: "/").last.map(String.init) ?? ""
        return ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    private static func problems(_ value: Any?, schema raw: [String: Any], at path: String) -> [String] {
        let schema = resolve(raw)
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if value is NSNull || value == nil {
            return types.isEmpty || types.contains("null") ? [] : ["\(path) is null, expected \(types)"]
        }
        if let object = value as? [String: Any] {
            if !types.isEmpty && !types.contains("object") { return ["\(path) is an object, expected \(types)"] }
            var out = ((schema["required"] as? [String]) ?? []).filter { object[$0] == nil }.map { "\(path).\($0) is required but missing" }
            for (name, sub) in (schema["properties"] as? [String: Any]) ?? [:] {
                if let sub = sub as? [String: Any], let field = object[name] { out += problems(field, schema: sub, at: "\(path).\(name)") }
            }
            return out
        }
        if let array = value as? [Any] {
            if !types.isEmpty && !types.contains("array") { return ["\(path) is an array, expected \(types)"] }
            guard let items = schema["items"] as? [String: Any] else { return [] }
            return array.enumerated().flatMap { problems($1, schema: items, at: "\(path)[\($0)]") }
        }
        if let string = value as? String {
            if !types.isEmpty && !types.contains("string") { return ["\(path) is a string, expected \(types)"] }
            if let allowed = schema["enum"] as? [String], !allowed.contains(string) { return ["\(path) is '\(string)', not one of \(allowed)"] }
            return []
        }
        if types.contains("boolean"), value is Bool { return [] }
        if let number = value as? NSNumber {
            if !types.isEmpty && !types.contains("number") && !types.contains("integer") { return ["\(path) is a number, expected \(types)"] }
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { return ["\(path) is below \(minimum)"] }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { return ["\(path) is above \(maximum)"] }
        }
        return []
    }
}
