import ArgumentParser
import Foundation
import Pipeline
import PostgresState

/// Retrain events handled per second by 1, 2 and 4 worker processes sharing one PostgreSQL
/// ledger, each event a claim (`FOR UPDATE SKIP LOCKED`), a stand-in training step of fixed
/// cost, and the completing transaction; and how long a claim takes. The processes are real
/// (this executable's `claims-worker`), so the database arbitrates between them as between hosts.
struct ClaimsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Events per second with 1, 2 and 4 worker processes on a PostgreSQL ledger, and the claim latency.",
        discussion: "Needs a PostgreSQL server: --url, or DRIFTWATCH_TEST_POSTGRES_URL (scripts/test-postgres sets it). Each run gets a database of its own.")

    @Option(help: "The server (postgres://user@host:port/database); a new database is made on it per run.")
    var url: String?

    @Option(help: "Retrain events per run.")
    var events = 200

    @Option(help: "The stand-in training step, in milliseconds per event.")
    var costMs = 20

    @Option(help: "Worker process counts to measure, comma-separated.")
    var workers = "1,2,4"

    func run() throws {
        guard let text = url ?? ProcessInfo.processInfo.environment["DRIFTWATCH_TEST_POSTGRES_URL"] else {
            throw ValidationError("give --url or set DRIFTWATCH_TEST_POSTGRES_URL (scripts/test-postgres does)")
        }
        let server = try PostgresAddress(text)
        let counts = workers.split(separator: ",").compactMap { Int($0) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--workers: expected counts like 1,2,4, got \(workers)") }
        print("claims: \(events) events, stand-in training \(costMs) ms each, \(ProcessInfo.processInfo.processorCount) cores")
        var base: Double?
        for count in counts {
            let outcome = try ClaimsRun(server: server, events: events, costMs: costMs, workers: count).run()
            let rate = Double(events) / outcome.seconds
            base = base ?? rate
            print(String(format: "%d worker%@: %.1f events/s (%.2f× of %d), claim p50 %.2f ms, p99 %.2f ms, each handled once: %@",
                         count, count == 1 ? "" : "s", rate, rate / base!, counts[0], outcome.claimP50, outcome.claimP99,
                         outcome.handledOnce ? "yes" : "NO"))
            guard outcome.handledOnce else { throw ExitCode(1) }
        }
    }
}

/// One worker process of the benchmark: claims until none is left, prints what it measured.
struct ClaimsWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claims-worker", abstract: "One worker of `claims` (started by it).", shouldDisplay: false)

    @Option var url: String
    @Option var costMs: Int

    func run() throws {
        let ledger = try PostgresLedger(pool: PostgresPool(address: try PostgresAddress(url), password: nil, tls: .disable, size: 1))
        let name = WorkerName.current
        var claimMs: [Double] = []
        var handled: [String] = []
        while true {
            let started = DispatchTime.now().uptimeNanoseconds
            let event = try ledger.claim(.retrainRequested, worker: name, lease: 600)
            claimMs.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            guard let event, let partition = event.partitionID else { break }
            Thread.sleep(forTimeInterval: Double(costMs) / 1000)
            try ledger.transition(partition, to: .decided, completing: event.id, events: [NewEvent(.modelKept(model: "bench", version: 1))])
            handled.append(event.id)
        }
        let line = try JSONSerialization.data(withJSONObject: ["handled": handled, "claim_ms": claimMs])
        FileHandle.standardOutput.write(line + Data("\n".utf8))
    }
}

/// One measured run: a fresh database with `events` open retrain events, `workers` processes.
struct ClaimsRun {
    let server: PostgresAddress
    let events: Int
    let costMs: Int
    let workers: Int

    struct Outcome {
        var seconds: Double
        var claimP50: Double
        var claimP99: Double
        var handledOnce: Bool
    }

    func run() throws -> Outcome {
        var address = server
        address.database = "driftwatch_bench_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try PostgresPool(address: server, password: nil, tls: .disable, size: 1)
        try admin.withConnection { try $0.execute("CREATE DATABASE \(unescaped: address.database)") }
        defer {
            _ = try? admin.withConnection { try $0.execute("DROP DATABASE IF EXISTS \(unescaped: address.database) WITH (FORCE)") }
            admin.shutDown()
        }
        let ledger = try PostgresLedger(pool: PostgresPool(address: address, password: nil, tls: .disable, size: 1))
        for index in 0..<events {
            guard case .new(let record) = try ledger.receive(name: "month_\(index)", path: "inbox/month_\(index)", contentHash: "bench-\(index)") else { continue }
            try ledger.transition(record.id!, to: .retrainRequested, events: [NewEvent(.retrainRequested(partition: record.name, trigger: .drift, reason: "bench"))])
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let started = Date()
        let processes = try (0..<workers).map { _ -> (Process, Pipe) in
            let process = Process()
            let output = Pipe()
            process.executableURL = executable
            process.arguments = ["claims-worker", "--url", address.description, "--cost-ms", "\(costMs)"]
            process.standardOutput = output
            try process.run()
            return (process, output)
        }
        var handled: [String] = []
        var claims: [Double] = []
        for (process, output) in processes {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                  let report = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let ids = report["handled"] as? [String], let ms = report["claim_ms"] as? [Double]
            else { throw LoopBenchError("a claims-worker failed (exit \(process.terminationStatus))") }
            handled += ids
            claims += ms
        }
        let seconds = Date().timeIntervalSince(started)
        claims.sort()
        let p = { (q: Double) in claims[min(claims.count - 1, Int(q * Double(claims.count)))] }
        let open = try ledger.openEvents().count
        return Outcome(seconds: seconds, claimP50: p(0.5), claimP99: p(0.99), handledOnce: handled.count == events && Set(handled).count == events && open == 0)
    }
}
