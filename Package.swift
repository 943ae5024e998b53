// swift-tools-version:6.0
// The module map and its import rules are in docs/ARCHITECTURE.md: imports point down the table only.
import PackageDescription

let package = Package(
    name: "driftwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "driftwatch", targets: ["driftwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CInotifyTools",
            providers: [.apt(["libinotifytools0-dev"])]
        ),
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Core"),
        .target(name: "Parquet", dependencies: ["Core", "CSnappy", "CZstd", "CZlib"]),
        .target(name: "Stats"),
        .target(name: "Drift", dependencies: ["Core", "Stats", "Tabular", "Contract"]),
        .target(name: "Tabular", dependencies: ["Core", "Parquet", "CZlib", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Synth", dependencies: ["Stats"]),
        .target(
            name: "Contract",
            dependencies: ["Core", "Tabular", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Learning", dependencies: ["Core", "Stats", "Tabular", "Contract"]),
        .target(name: "Registry", dependencies: ["Core"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "Core", "Tabular", "Contract", "Drift", "Learning", "Registry", "Reports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "PostgresState",
            dependencies: [
                "Core", "Pipeline", "Registry",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Watcher",
            dependencies: ["CInotifyTools", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Reports",
            dependencies: [
                "Core", "Tabular", "Contract", "Drift", "Registry",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Serving",
            dependencies: [
                "Core", "Tabular", "Contract", "Learning", "Registry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .plugin(name: "BuildCommit", capability: .buildTool()),
        .executableTarget(
            name: "driftwatch",
            dependencies: [
                "Core", "Tabular", "Contract", "Drift", "Learning", "Registry", "Reports", "Pipeline", "PostgresState", "Watcher", "Serving", "Synth",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            plugins: ["BuildCommit"]
        ),
        .executableTarget(
            name: "driftwatch-bench",
            dependencies: ["Core", "Stats", "Tabular", "Contract", "Drift", "Learning", "Pipeline", "PostgresState", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "TestSupport", dependencies: ["Core", "Tabular", "Stats"], path: "Tests/TestSupport"),
        .target(
            name: "StateTestSupport",
            dependencies: ["Pipeline", "PostgresState", "Registry", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/StateTestSupport"),
        .testTarget(name: "CoreTests", dependencies: ["Core"]),
        .testTarget(
            name: "PostgresStateTests",
            dependencies: ["Pipeline", "PostgresState", "Registry", "StateTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(
            name: "ParquetTests", dependencies: ["Parquet", "Stats"], exclude: ["vectors/make_vectors.py"],
            resources: [.copy("vectors/files"), .copy("vectors/expected.json")]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "Stats", "TestSupport"], exclude: ["vectors"]),
        .testTarget(name: "DriftTests", dependencies: ["Core", "Drift", "Stats", "Tabular", "Contract", "TestSupport"]),
        .testTarget(
            name: "StatsTests", dependencies: ["Stats"], exclude: ["vectors/make_vectors.py", "vectors/make_correction_vectors.py"],
            resources: [.copy("vectors/vectors.json"), .copy("vectors/corrections.json")]),
        .testTarget(name: "ContractTests", dependencies: ["Core", "Contract", "Tabular", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Core", "Reports", "Drift", "Registry", "Tabular", "Contract", "TestSupport"]),
        .testTarget(
            name: "LearningTests",
            dependencies: ["Core", "Learning", "Stats", "Contract", "Tabular", "Synth", .product(name: "Yams", package: "Yams")],
            exclude: ["vectors"]
        ),
        .testTarget(name: "RegistryTests", dependencies: ["Core", "Registry", "TestSupport", "PostgresState", "StateTestSupport"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Core", "Pipeline", "StateTestSupport", "Tabular", "Contract", "Registry", "Drift", "Learning", "Reports", "Synth",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "SynthTests",
            dependencies: ["Synth", "Tabular", "Contract"],
            exclude: ["check_scenario.py", "vectors/make_vectors.py", "vectors/vectors.json"]
        ),
        .testTarget(
            name: "driftwatchTests",
            dependencies: [
                "driftwatch", "Core", "Contract", "Pipeline", "PostgresState", "Registry", "Reports", "Serving", "StateTestSupport", "Stats",
                "Synth", "Tabular", "TestSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ServingTests",
            dependencies: [
                "Serving", "Core", "Contract", "Learning", "Registry", "Tabular",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "LoopTests", dependencies: ["driftwatch-bench", "TestSupport"]),
        .testTarget(
            name: "WatcherTests",
            dependencies: [
                "Watcher",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// CI (.ci/run) sets DRIFTWATCH_WARNINGS_AS_ERRORS: the project's own targets then fail on any
// warning. Only these targets get the flag, so dependencies build as they always do.
if Context.environment["DRIFTWATCH_WARNINGS_AS_ERRORS"] != nil {
    for target in package.targets where target.type != .system && target.type != .plugin {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-warnings-as-errors"])]
    }
}
