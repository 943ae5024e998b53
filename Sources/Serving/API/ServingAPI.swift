import Foundation
import Hummingbird
import Logging
import Tabular

/// The HTTP API: health and readiness, the model's description, scoring of rows sent in the
/// body (JSON or CSV) or looked up by key, metrics and the OpenAPI document. Every request
/// reads the served model once, so its answer comes from one version, named in the body and
/// in `X-Model-Version`.
public struct ServingAPI: Sendable {
    public let state: ServingState
    public let settings: ServingSettings
    /// Texts a CSV body reads as null (the contract's null tokens).
    public let nullTokens: [String]
    public let predictionLog: PredictionLog?
    /// The Prometheus exposition of every metric in the process; the executable owns the registry.
    public let metricsText: @Sendable () -> [UInt8]
    /// Every version's live counters: `/metrics`, `/v1/routing` and the SLO watch read them.
    public let comparison: LiveComparison
    let shadow: ShadowRunner

    public static let modelVersionHeader = HTTPFields.Element.Name("X-Model-Version")!
    /// The arm that answered, under canary and A/B.
    public static let armHeader = HTTPFields.Element.Name("X-Model-Arm")!
    /// The arms of a canary, as responses and the prediction log name them.
    public static let productionArm = "production"
    public static let candidateArm = "candidate"
    public static let requestIDHeader = HTTPFields.Element.Name("X-Request-ID")!
    static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

    public init(
        state: ServingState, settings: ServingSettings, nullTokens: [String], predictionLog: PredictionLog?,
        comparison: LiveComparison? = nil, logger: Logger = Logger(label: "driftwatch.serve"),
        metricsText: @escaping @Sendable () -> [UInt8]
    ) {
        self.state = state
        self.settings = settings
        self.nullTokens = nullTokens
        self.predictionLog = predictionLog
        self.metricsText = metricsText
        let comparison = comparison ?? LiveComparison(settings.routing)
        self.comparison = comparison
        self.shadow = ShadowRunner(capacity: settings.routing.shadowQueueRequests, state: state, comparison: comparison, predictionLog: predictionLog, logger: logger)
    }

    /// Waits for the shadow's queued requests (before the prediction log's last flush, and in
    /// tests); after `seconds` the rest are counted as dropped, not scored.
    public func drainShadow(within seconds: Double = .infinity) { shadow.drain(within: seconds) }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware())
        router.get("health") { _, _ in try JSONResponse.make(.ok, HealthBody()) }
        router.get("ready") { _, _ in try ready() }
        router.get("v1/model") { _, _ in try describeModel() }
        router.post("v1/predict") { request, _ in try await predict(request) }
        router.post("v1/predict/by-key") { request, _ in try await predictByKey(request) }
        router.get("v1/routing") { _, _ in try routing() }
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: Self.prometheusContentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metricsText() + ComparisonExposition.text(comparison))))
        }
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: JSONResponse.contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        return router
    }

    /// The server on `settings.host:settings.port`; a `Service` that drains requests on graceful shutdown.
    public func application(logger: Logger, onServerRunning: @escaping @Sendable (String) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "driftwatch"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress.map { "\($0)" } ?? "\(settings.host):\(settings.port)") },
            logger: logger)
    }

    // MARK: Handlers

    private func ready() throws -> Response {
        let readiness = state.readiness
        let body = ReadyBody(
            status: readiness.isReady ? "ready" : "not_ready", modelVersion: readiness.model?.version,
            featurePartition: readiness.features?.partition, problems: readiness.problems)
        return try JSONResponse.make(readiness.isReady ? .ok : .serviceUnavailable, body)
    }

    private func describeModel() throws -> Response {
        let model = try servedModel()
        let body = ModelBody(
            name: model.name, version: model.version, aliases: model.aliases, kind: model.artifact.kind,
            signature: model.artifact.signature, lineage: model.artifact.lineage, loadedAt: model.loadedAt, key: model.schema.key)
        return try JSONResponse.make(.ok, body, headers: [Self.modelVersionHeader: String(model.version)])
    }

    private func predict(_ request: Request) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let (served, plan) = state.routes
        let production = try servedModel(served)
        let body = try await body(of: request)
        let mediaType = mediaType(of: request)
        var rows = try parse(body, mediaType: mediaType, schema: production.schema)
        let (model, arm) = route(plan, production: production, key: rows.keys.first ?? nil)
        if model.schema.features != production.schema.features { rows = try parse(body, mediaType: mediaType, schema: model.schema) }
        let probabilities = try answer(model, rows.table, rows: nil, since: start)
        let id = requestID(request)
        record(probabilities, keys: rows.keys, model: model, arm: arm, requestID: id)
        if case .shadow(let candidate, let candidateState) = plan, !candidateState.isStopped {
            shadow.submit(.init(shadow: candidate, candidateState: candidateState, table: rows.table, rows: nil, keys: rows.keys, production: probabilities, requestID: id, time: Date()))
        }
        return JSONResponse.make(
            .ok, bytes: PredictionsBody(model: model.name, modelVersion: model.version, requestID: id, arm: arm, probabilities: probabilities).json(),
            headers: headers(model, arm: arm, requestID: id))
    }

    private func predictByKey(_ request: Request) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let (served, plan) = state.routes
        let production = try servedModel(served)
        guard let key = production.schema.key else {
            throw RequestError(.notFound, .unknownKey, "the contract names no key column, so there is nothing to look up")
        }
        guard let features = state.features else {
            throw RequestError(.serviceUnavailable, .notReady, "no online feature table yet: it is written when the daemon accepts a partition")
        }
        let body = try await body(of: request)
        guard mediaType(of: request) == "application/json" else {
            throw RequestError(.unsupportedMediaType, .unsupportedMediaType, "send {\"\(key)\": ...} as application/json")
        }
        let fields = try body.withUnsafeReadableBytes { raw in
            Result { () throws(RequestError) in try JSONRowParser.object(raw.assumingMemoryBound(to: UInt8.self)) }
        }.get()
        if let other = fields.keys.sorted().first(where: { $0 != key }) {
            throw RequestError(.unprocessableContent, .unknownField, "field '\(RequestError.excerpt(other))' is not the key '\(key)': send only {\"\(key)\": ...}", field: other)
        }
        guard let value = fields[key] else {
            throw RequestError(.unprocessableContent, .missingField, "the key '\(key)' is missing", field: key)
        }
        guard let text = value.keyText else {
            throw RequestError(.unprocessableContent, .wrongType, "the key '\(key)' must be a string or an integer, found \(value.kind)", field: key)
        }
        guard let row = features.row(forKey: text) else {
            throw RequestError(.notFound, .unknownKey, "\(key) '\(RequestError.excerpt(text))' is not in the online feature table (partition \(features.partition))", field: key)
        }
        let (model, arm) = route(plan, production: production, key: text)
        let probability = try answer(model, features.table, rows: [row], since: start)[0]
        let id = requestID(request)
        record([probability], keys: [text], model: model, arm: arm, requestID: id)
        if case .shadow(let candidate, let candidateState) = plan, !candidateState.isStopped {
            shadow.submit(.init(shadow: candidate, candidateState: candidateState, table: features.table, rows: [row], keys: [text], production: [probability], requestID: id, time: Date()))
        }
        return try JSONResponse.make(
            .ok,
            KeyPredictionBody(
                model: model.name, modelVersion: model.version, requestID: id, arm: arm, key: text, featurePartition: features.partition,
                probability: probability),
            headers: headers(model, arm: arm, requestID: id))
    }

    private func routing() throws -> Response {
        try JSONResponse.make(.ok, RoutingBody(state: state, comparison: comparison))
    }

    // MARK: Helpers

    private func servedModel(_ served: ServedModel? = nil) throws -> ServedModel {
        guard let model = served ?? state.model else {
            throw RequestError(.serviceUnavailable, .notReady, state.readiness.problems.joined(separator: "; "))
        }
        return model
    }

    /// The whole body, refused with 413 beyond the limit (by its Content-Length before reading it).
    private func body(of request: Request) async throws -> ByteBuffer {
        let limit = settings.bodyLimitBytes
        let tooLarge = RequestError(.contentTooLarge, .bodyTooLarge, "the body is larger than the limit of \(limit) bytes (serving.body_limit_bytes)")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        }
    }

    /// `application/json` when no Content-Type is sent; the type before any `;` parameters,
    /// trimmed and lowercased (ASCII, as media types are).
    private func mediaType(of request: Request) -> String {
        guard let value = request.headers[.contentType] else { return "application/json" }
        var type = value.utf8.prefix(while: { $0 != UInt8(ascii: ";") })
        while let first = type.first, first == 0x20 || first == 0x09 { type.removeFirst() }
        while let last = type.last, last == 0x20 || last == 0x09 { type.removeLast() }
        return String(decoding: type.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private func parse(_ body: ByteBuffer, mediaType: String, schema: RequestSchema) throws -> InstanceTable {
        let nullTokens = nullTokens
        return try body.withUnsafeReadableBytes { raw in
            Result { () throws(RequestError) -> InstanceTable in
                let bytes = raw.assumingMemoryBound(to: UInt8.self)
                switch mediaType {
                case "application/json": return try InstanceTable(json: bytes, schema: schema)
                case "text/csv": return try InstanceTable(csv: bytes, schema: schema, nullTokens: nullTokens)
                case let other:
                    throw RequestError(.unsupportedMediaType, .unsupportedMediaType, "Content-Type '\(RequestError.excerpt(other))' is not accepted: send application/json or text/csv")
                }
            }
        }.get()
    }

    /// The version that answers a request with `key` under `plan`, and the arm it answers as
    /// (nil unless canary or A/B).
    private func route(_ plan: RoutePlan, production: ServedModel, key: String?) -> (ServedModel, String?) {
        switch plan {
        case .single, .shadow:
            return (production, nil)
        case .canary(let candidate, let candidateState):
            return candidateState.canaryAnswers(forKey: key) ? (candidate, Self.candidateArm) : (production, Self.productionArm)
        case .ab(let arms, let split):
            let arm = arms[split.arm(forKey: key)]
            return (arm.model, arm.name)
        }
    }

    /// Scores with `model` and counts the answer (or its failure) for the live comparison.
    private func answer(_ model: ServedModel, _ table: Table, rows: [Int]?, since start: UInt64) throws -> [Double] {
        let probabilities: [Double]
        do {
            probabilities = try model.scorer.predictProbabilities(table, rows: rows)
        } catch {
            comparison.recordAnswer(version: model.version, seconds: Self.seconds(since: start), failed: true, probabilities: [])
            throw RequestError(.serviceUnavailable, .notReady, "version \(model.version) cannot score these rows: \(error)")
        }
        model.predictions.increment(by: probabilities.count)
        comparison.recordAnswer(version: model.version, seconds: Self.seconds(since: start), failed: false, probabilities: probabilities)
        return probabilities
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func record(_ probabilities: [Double], keys: [String?], model: ServedModel, arm: String?, requestID: String) {
        predictionLog?.append(PredictionBatch(time: Date(), requestID: requestID, modelVersion: model.version, probabilities: probabilities, keys: keys, arm: arm))
    }

    private func headers(_ model: ServedModel, arm: String?, requestID: String) -> HTTPFields {
        var fields: HTTPFields = [Self.modelVersionHeader: String(model.version), Self.requestIDHeader: requestID]
        if let arm { fields[Self.armHeader] = arm }
        return fields
    }

    /// The client's `X-Request-ID` when it is short and plain, else a new one.
    private func requestID(_ request: Request) -> String {
        if let sent = request.headers[Self.requestIDHeader], (1...128).contains(sent.utf8.count),
           sent.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        {
            return sent
        }
        return RequestID.make()
    }
}
