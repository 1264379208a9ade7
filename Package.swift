// swift-tools-version:6.0
import PackageDescription

/// Targets are cut where dependencies change (see docs/architecture.md):
/// the JSON Schema validator and the schedule parser need only Foundation,
/// the manifest loader adds Yams, the executable adds ArgumentParser.
let package = Package(
    name: "file-connector",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "file-connector", targets: ["FileConnectorCLI"]),
        .library(name: "ConnectorJSONSchema", targets: ["ConnectorJSONSchema", "ConnectorJSON"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Foundation only: JSON values, a located JSON parser, JSON pointers.
        .target(name: "ConnectorJSON"),
        // Draft-07 and 2020-12 validation over those values.
        .target(
            name: "ConnectorJSONSchema",
            dependencies: ["ConnectorJSON"],
            resources: [.embedInCode("Metaschemas")]
        ),
        // Foundation only: durations, cron expressions, time zones, next-run evaluation.
        .target(name: "ConnectorSchedule"),
        // Value types of the domain: endpoints, diagnostics, source locations.
        .target(name: "ConnectorModel", dependencies: ["ConnectorJSON", "ConnectorSchedule"]),
        // YAML/JSON manifests → located JSON values → schema + semantic checks → endpoints.
        .target(
            name: "ConnectorManifest",
            dependencies: [
                "ConnectorModel", "ConnectorJSON", "ConnectorJSONSchema", "ConnectorSchedule",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.embedInCode("Schemas")]
        ),
        // The pure planner: desired endpoints + store snapshot + now → Plan, and its renderings.
        .target(
            name: "ConnectorPlan",
            dependencies: [
                "ConnectorModel", "ConnectorSchedule", "ConnectorJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The store protocol and its value types; no database driver.
        .target(name: "ConnectorStore", dependencies: ["ConnectorModel", "ConnectorJSON"]),
        // Webhook sinks: Standard Webhooks messages and signatures for change events.
        .target(
            name: "ConnectorSinks",
            dependencies: [
                "ConnectorStore", "ConnectorModel", "ConnectorJSON", "ConnectorHTTP", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The embedded default store on GRDB.
        .target(
            name: "ConnectorStoreSQLite",
            dependencies: [
                "ConnectorStore", "ConnectorModel",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The production store on PostgresNIO.
        .target(
            name: "ConnectorStorePostgres",
            dependencies: [
                "ConnectorStore", "ConnectorModel",
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What a provider is: pages of files from a full listing or a change feed, and its registry.
        .target(
            name: "ConnectorProvider", dependencies: ["ConnectorModel", "ConnectorJSON", .product(name: "Logging", package: "swift-log")]),
        // The `local` provider: a directory tree (the quickstart, NFS/SMB mounts).
        .target(
            name: "ConnectorProviderLocal",
            dependencies: [
                "ConnectorProvider", "ConnectorModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The sync engine: filters, page transactions with cursors, mark-and-sweep, run records.
        .target(
            name: "ConnectorSync",
            dependencies: [
                "ConnectorProvider", "ConnectorStore", "ConnectorModel", "ConnectorSchedule",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP layer cloud providers stand on: AsyncHTTPClient with retries, backoff, Retry-After,
        // rate limits, circuit breakers, an OAuth token cache and redaction.
        .target(
            name: "ConnectorHTTP",
            dependencies: [
                "ConnectorJSON",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The `google-drive` provider: service-account JWT auth, breadth-first folder walk, change feed.
        .target(
            name: "ConnectorProviderGoogleDrive",
            dependencies: [
                "ConnectorProvider", "ConnectorModel", "ConnectorHTTP", "ConnectorJSON",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The `autodesk-acc` provider: APS 2-legged OAuth, hub/project/folder traversal, tip versions, family pacing.
        .target(
            name: "ConnectorProviderAutodesk",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "ConnectorProvider", "ConnectorModel", "ConnectorHTTP",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The `microsoft-365` provider: Entra app-only auth (secret or certificate), site and library resolution, drive delta.
        .target(
            name: "ConnectorProviderMicrosoft365",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "ConnectorProvider", "ConnectorModel", "ConnectorHTTP", "ConnectorJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reconcile: manifests → desired state (with git revisions) → plan → apply, against any store.
        .target(
            name: "ConnectorReconciler",
            dependencies: [
                "ConnectorModel", "ConnectorManifest", "ConnectorPlan", "ConnectorStore", "ConnectorSync", "ConnectorProcess",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // glibc allocator knobs (malloc_trim, M_ARENA_MAX) that Swift's Glibc module does not export.
        .target(name: "CMallocTuning"),
        // Child processes (git lookups, and the tests' binaries) without Foundation's Process, whose Linux run()
        // over-reads /proc/self/fd entries and crashes now and then: posix_spawn, every other descriptor closed.
        .target(name: "CChildProcess"),
        .target(name: "ConnectorProcess", dependencies: ["CChildProcess"]),
        // Watches manifest directories (inotify on Linux, polling elsewhere) and reports debounced content changes.
        .target(name: "ConnectorWatch", dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio")]),
        // The daemon: reconcile on change and on a timer, schedule syncs under leases, serve health, metrics and
        // the API, all as Services in one ServiceGroup.
        .target(
            name: "ConnectorDaemon",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "ConnectorReconciler", "ConnectorSync", "ConnectorStore", "ConnectorModel", "ConnectorPlan", "ConnectorManifest",
                "ConnectorProvider", "ConnectorSchedule", "ConnectorWatch", "ConnectorJSON", "ConnectorSinks", "CMallocTuning",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The thin executable: argument parsing, the choice of store, and rendering.
        .executableTarget(
            name: "FileConnectorCLI",
            dependencies: [
                "ConnectorModel", "ConnectorManifest", "ConnectorJSON", "ConnectorSchedule",
                "ConnectorPlan", "ConnectorStore", "ConnectorStoreSQLite", "ConnectorStorePostgres", "ConnectorReconciler",
                "ConnectorSync", "ConnectorProvider", "ConnectorProviderLocal", "ConnectorProviderAutodesk", "ConnectorProviderGoogleDrive",
                "ConnectorProviderMicrosoft365", "ConnectorHTTP", "ConnectorDaemon", "ConnectorSinks", "CMallocTuning",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Fakes, fixtures, the store conformance suite and helpers shared by the test targets;
        // never linked into the product.
        .target(
            name: "ConnectorTestSupport",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "ConnectorModel", "ConnectorStore", "ConnectorProvider", "ConnectorProcess",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "ConnectorJSONSchemaTests", dependencies: ["ConnectorJSON", "ConnectorJSONSchema"]),
        .testTarget(
            name: "ConnectorSinksTests",
            dependencies: [
                "ConnectorSinks", "ConnectorStore", "ConnectorModel", "ConnectorJSON", "ConnectorTestSupport", "ConnectorStoreSQLite",
                "ConnectorStorePostgres", "ConnectorHTTPTestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "ConnectorHTTPTests",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "ConnectorHTTP", "ConnectorHTTPTestSupport", "ConnectorJSON",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // An in-process HTTP server that injects faults, and a manual clock, for testing HTTP clients.
        .target(
            name: "ConnectorHTTPTestSupport",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "ConnectorHTTP", "ConnectorProvider", "ConnectorModel", "ConnectorProcess",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Release-build benchmarks (scripts/bench/): the sync engine against a fake catalog API over loopback.
        .executableTarget(
            name: "SyncBenchmark",
            dependencies: [
                "ConnectorSync", "ConnectorStore", "ConnectorStoreSQLite", "ConnectorStorePostgres", "ConnectorModel",
                "ConnectorPlan", "ConnectorProvider", "ConnectorHTTP", "ConnectorHTTPTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/SyncBenchmark"
        ),
        // A faithful fake of Google Drive v3 (token endpoint, files, changes, faults), for tests and benchmarks.
        .target(
            name: "FakeGoogleDrive",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "ConnectorHTTPTestSupport", "ConnectorModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "SinkBenchmark",
            dependencies: [
                "ConnectorSinks", "ConnectorStore", "ConnectorStoreSQLite", "ConnectorModel", "ConnectorTestSupport",
                "ConnectorHTTPTestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/SinkBenchmark"
        ),
        .executableTarget(
            name: "GoogleDriveBenchmark",
            dependencies: [
                "ConnectorProviderGoogleDrive", "FakeGoogleDrive", "ConnectorSync", "ConnectorStore", "ConnectorStoreSQLite",
                "ConnectorModel", "ConnectorPlan", "ConnectorProvider", "ConnectorHTTP",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/GoogleDriveBenchmark"
        ),
        .testTarget(
            name: "ConnectorProviderGoogleDriveTests",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "ConnectorProviderGoogleDrive", "FakeGoogleDrive", "ConnectorSync", "ConnectorStore", "ConnectorStoreSQLite",
                "ConnectorModel", "ConnectorProvider", "ConnectorHTTP", "ConnectorHTTPTestSupport", "ConnectorTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // A faithful fake of Autodesk Platform Services (token + Data Management), for tests and benchmarks.
        .target(
            name: "FakeAutodeskAPS",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "ConnectorHTTPTestSupport", "ConnectorModel",
                "ConnectorJSON",
            ]),
        .executableTarget(
            name: "AutodeskBenchmark",
            dependencies: [
                "ConnectorProviderAutodesk", "FakeAutodeskAPS", "ConnectorSync", "ConnectorStore", "ConnectorStoreSQLite",
                "ConnectorModel", "ConnectorProvider", "ConnectorHTTP", "ConnectorHTTPTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/AutodeskBenchmark"
        ),
        // A faithful fake of Microsoft Graph for SharePoint and OneDrive libraries (Entra token endpoint, sites, drives,
        // delta, throttling by resource units), for tests and benchmarks.
        .target(
            name: "FakeMicrosoftGraph",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "ConnectorHTTPTestSupport", "ConnectorJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "FakeMicrosoftGraphTests",
            dependencies: [
                "FakeMicrosoftGraph", "ConnectorHTTPTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "Microsoft365Benchmark",
            dependencies: [
                "ConnectorProviderMicrosoft365", "FakeMicrosoftGraph", "ConnectorSync", "ConnectorStore", "ConnectorStoreSQLite",
                "ConnectorModel", "ConnectorPlan", "ConnectorProvider", "ConnectorHTTP",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/Microsoft365Benchmark"
        ),
        .testTarget(
            name: "ConnectorProviderMicrosoft365Tests",
            dependencies: [
                "ConnectorProviderMicrosoft365", "FakeMicrosoftGraph", "ConnectorSync", "ConnectorStore", "ConnectorStoreSQLite",
                "ConnectorModel", "ConnectorProvider", "ConnectorHTTP", "ConnectorHTTPTestSupport", "ConnectorTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // fake-cloud: the Drive and Autodesk fakes served over loopback for scripts/soak.sh; a test tool, never shipped.
        .executableTarget(
            name: "fake-cloud",
            dependencies: [
                "FakeGoogleDrive", "FakeAutodeskAPS", "FakeMicrosoftGraph", "ConnectorHTTPTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Sources/FakeCloud"
        ),
        .testTarget(
            name: "ConnectorProviderAutodeskTests",
            dependencies: [
                "ConnectorProviderAutodesk", "FakeAutodeskAPS", "ConnectorSync", "ConnectorStore", "ConnectorStoreSQLite",
                "ConnectorStorePostgres", "ConnectorTestSupport", "ConnectorModel", "ConnectorProvider", "ConnectorHTTP",
                "ConnectorHTTPTestSupport", "ConnectorJSON", "ConnectorJSONSchema",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ConnectorReconcilerTests",
            dependencies: [
                "ConnectorReconciler", "ConnectorModel", "ConnectorPlan", "ConnectorProvider", "ConnectorProviderLocal", "ConnectorStore",
                "ConnectorStoreSQLite", "ConnectorSync", "ConnectorTestSupport", "ConnectorProcess",
            ]
        ),
        .testTarget(name: "ConnectorScheduleTests", dependencies: ["ConnectorSchedule"]),
        .testTarget(
            name: "ConnectorWatchTests", dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "ConnectorWatch"]),
        .testTarget(
            name: "ConnectorDaemonTests",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "ConnectorDaemon", "ConnectorReconciler", "ConnectorWatch",
                "ConnectorStore", "ConnectorStoreSQLite", "ConnectorStorePostgres", "ConnectorModel",
                "ConnectorProvider", "ConnectorProviderLocal", "ConnectorProviderGoogleDrive", "ConnectorSync", "ConnectorJSON",
                "ConnectorTestSupport", "ConnectorHTTPTestSupport", "ConnectorHTTP", "FakeGoogleDrive", "CMallocTuning",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ConnectorManifestTests",
            dependencies: [
                "ConnectorManifest", "ConnectorModel", "ConnectorJSON", "ConnectorJSONSchema", "ConnectorSchedule", "ConnectorTestSupport",
            ]
        ),
        .testTarget(
            name: "ConnectorSyncTests",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                "ConnectorSync", "ConnectorPlan", "ConnectorProvider", "ConnectorProviderLocal", "ConnectorStore", "ConnectorStoreSQLite",
                "ConnectorStorePostgres", "ConnectorModel", "ConnectorTestSupport", "ConnectorHTTP", "ConnectorHTTPTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ConnectorPlanTests",
            dependencies: [
                "ConnectorPlan", "ConnectorModel", "ConnectorManifest", "ConnectorSchedule", "ConnectorTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ConnectorStoreTests",
            dependencies: [
                "ConnectorStore", "ConnectorStoreSQLite", "ConnectorStorePostgres", "ConnectorModel", "ConnectorHTTP",
                "ConnectorTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "FileConnectorCLITests",
            dependencies: [
                "ConnectorTestSupport", "ConnectorStore", "ConnectorJSON", "ConnectorHTTPTestSupport", "FakeGoogleDrive", "FakeAutodeskAPS",
                "FakeMicrosoftGraph", "ConnectorManifest", "ConnectorJSONSchema", "ConnectorSinks", "ConnectorProviderAutodesk",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)

for target in package.targets where !["CMallocTuning", "CChildProcess"].contains(target.name) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
