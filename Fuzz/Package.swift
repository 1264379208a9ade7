// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for the parsers that read outside data: manifests, JSON Schema, cron and the provider
/// response decoders. The library targets are symlinks to `../Sources`; their definitions, resources and
/// dependency versions mirror the main `Package.swift`. Build and run with `scripts/fuzz.sh`.
///
/// Everything is compiled with ASan and libFuzzer's coverage instrumentation (passed by the script as
/// `-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=...`); only the fuzz executables link libFuzzer
/// (`-sanitize=fuzzer` below), so the regression-test runner keeps its own `main`.
let fuzzerLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]
let fuzzerSwift: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name, dependencies: ["FuzzSupport"] + dependencies, swiftSettings: fuzzerSwift, linkerSettings: fuzzerLink)
}

let package = Package(
    name: "file-connector-fuzz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "FuzzManifest", targets: ["FuzzManifest"]),
        .executable(name: "FuzzJSONSchema", targets: ["FuzzJSONSchema"]),
        .executable(name: "FuzzCron", targets: ["FuzzCron"]),
        .executable(name: "FuzzDrive", targets: ["FuzzDrive"]),
        .executable(name: "FuzzAutodesk", targets: ["FuzzAutodesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Mirrored from the main package (symlinked sources).
        .target(name: "ConnectorJSON"),
        .target(name: "ConnectorJSONSchema", dependencies: ["ConnectorJSON"], resources: [.embedInCode("Metaschemas")]),
        .target(name: "ConnectorSchedule"),
        .target(name: "ConnectorModel", dependencies: ["ConnectorJSON", "ConnectorSchedule"]),
        .target(
            name: "ConnectorManifest",
            dependencies: [
                "ConnectorModel", "ConnectorJSON", "ConnectorJSONSchema", "ConnectorSchedule",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.embedInCode("Schemas")]
        ),
        .target(name: "ConnectorProvider", dependencies: ["ConnectorModel", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "ConnectorHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ConnectorProviderGoogleDrive",
            dependencies: [
                "ConnectorProvider", "ConnectorModel", "ConnectorHTTP",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ConnectorProviderAutodesk",
            dependencies: [
                "ConnectorProvider", "ConnectorModel", "ConnectorHTTP",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The fuzz targets.
        .target(name: "FuzzSupport"),
        fuzzTarget("FuzzManifest", ["ConnectorManifest", "ConnectorModel", "ConnectorJSON"]),
        fuzzTarget("FuzzJSONSchema", ["ConnectorJSON", "ConnectorJSONSchema", "ConnectorManifest"]),
        fuzzTarget("FuzzCron", ["ConnectorSchedule"]),
        fuzzTarget("FuzzDrive", ["ConnectorProviderGoogleDrive", "ConnectorProvider", "ConnectorModel", "ConnectorJSON"]),
        // The regression tests of main's test targets (FuzzRegressionTests.swift, symlinked), compiled and run here.
        .testTarget(name: "ConnectorScheduleTests", dependencies: ["ConnectorSchedule"]),
        .testTarget(name: "ConnectorProviderGoogleDriveTests", dependencies: ["ConnectorProviderGoogleDrive"]),
        fuzzTarget(
            "FuzzAutodesk",
            [
                "ConnectorProviderAutodesk", "ConnectorProvider", "ConnectorModel", "ConnectorHTTP",
                .product(name: "Logging", package: "swift-log"),
            ]),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
