import Foundation
import Hummingbird
import Synchronization

/// A webhook sink in the test process: a real HTTP server on 127.0.0.1 that records every POST
/// to /hook and answers 204. `stop()` closes the port, so a notifier meets a refused connection;
/// `start(port:)` listens again on the same port.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        /// By lowercased name.
        let headers: [String: String]
        let body: Data
        func header(_ name: String) -> String? { headers[name.lowercased()] }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
    }

    private let received = Mutex<[Received]>([])
    private let server = Mutex<Task<Void, any Error>?>(nil)
    private let boundPort = Mutex(0)

    var port: Int { boundPort.withLock { $0 } }

    var requests: [Received] { received.withLock { $0 } }
    var url: URL { URL(string: "http://127.0.0.1:\(port)/hook")! }

    /// Starts listening (an ephemeral port unless one is given) and returns once it does.
    @discardableResult
    func start(port requested: Int = 0) async throws -> Int {
        let router = Router()
        router.post("hook") { [self] request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            received.withLock { $0.append(Received(headers: headers, body: Data(buffer: body))) }
            return .noContent
        }
        let (listening, ready) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: requested)),
            onServerRunning: { channel in
                ready.yield(channel.localAddress?.port ?? requested)
                ready.finish()
            })
        server.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        for await bound in listening {
            boundPort.withLock { $0 = bound }
            return bound
        }
        throw CancellationError()
    }

    /// Stops the server and waits until its port is closed.
    func stop() async {
        let task = server.withLock { current in
            defer { current = nil }
            return current
        }
        task?.cancel()
        _ = await task?.result
    }
}

/// Polls `condition` every 20 ms until it holds or `seconds` pass; returns whether it held.
func eventually(within seconds: Double = 20, _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try condition()
}
