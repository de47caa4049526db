// swift-tools-version:6.0
import PackageDescription

/// Every target of ours: Swift 6 with the upcoming checks that keep a library's surface honest
/// (imports are internal unless marked, members come only from what a file imports, existentials
/// are spelled `any`).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "MediaWire",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Syndication", targets: ["Syndication"]),
        .library(name: "HouseStyle", targets: ["HouseStyle"]),
        .library(name: "FeedValidation", targets: ["FeedValidation"]),
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "WireServer", targets: ["WireServer"]),
        .library(name: "WireDesk", targets: ["WireDesk"]),
        .executable(name: "mediawire", targets: ["mediawire"]),
        .executable(name: "mediawire-bench", targets: ["mediawire-bench"]),
        .executable(name: "mediawire-fuzz", targets: ["mediawire-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        // TLS for the poll client (Wire/HTTP/HTTP1Client.swift), our own over SwiftNIO's HTTP codec:
        // AsyncHTTPClient 1.37 traps on a body after a status under 200, which stops the process.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        // SHA-256 (content hashes, minted ids, ETags).
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        // The service (`mediawire serve`): HTTP, templates, gzip, graceful shutdown, metrics, logs.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // The desk's editor passwords: bcrypt.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // The shared store for a wire run by many machines (`store: postgres://…`).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "Syndication", dependencies: ["CLibXML2"], swiftSettings: strict),
        .target(name: "FeedValidation", dependencies: ["Syndication"], swiftSettings: strict),
        .target(
            name: "HouseStyle",
            dependencies: ["Syndication", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "Wire",
            dependencies: [
                "Syndication", "HouseStyle", "FeedValidation",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The editors' desk: sign-in, the wire with the reasons for each headline, overrides, style preview.
        .target(
            name: "WireDesk",
            dependencies: [
                "Wire", "HouseStyle", "Syndication",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The service over Wire: the scheduler, the feed over HTTP, the public pages, health, metrics.
        .target(
            name: "WireServer",
            dependencies: [
                "Wire", "Syndication", "HouseStyle", "WireDesk",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // A loopback HTTP server for the poll tests and the poll benchmark.
        .target(
            name: "LoopbackServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mediawire-bench",
            dependencies: ["Syndication", "HouseStyle", "Wire", "LoopbackServer", "FeedValidation"],
            swiftSettings: strict
        ),
        // What each fuzz target does with an input, and the fuzzer (scripts/fuzz.sh) that drives them.
        .target(
            name: "FuzzHarness",
            dependencies: ["Syndication", "HouseStyle", "FeedValidation", "Wire"],
            swiftSettings: strict
        ),
        .executableTarget(name: "mediawire-fuzz", dependencies: ["FuzzHarness"], swiftSettings: strict),
        // Release builds that link the Swift runtime and Foundation statically: scripts/release.sh.
        .executableTarget(
            name: "mediawire",
            dependencies: [
                "Syndication", "HouseStyle", "Wire", "FeedValidation", "WireServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Where the tests find ../shared, and how they fail without it in CI.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "SyndicationTests", dependencies: ["Syndication", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "HouseStyleTests", dependencies: ["HouseStyle", "Syndication"], swiftSettings: strict),
        .testTarget(
            name: "FeedValidationTests", dependencies: ["FeedValidation", "Syndication", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "WireTests",
            dependencies: [
                "Wire", "Syndication", "HouseStyle", "LoopbackServer", "FeedValidation", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WireServerTests",
            dependencies: [
                "WireServer", "Wire", "TestSupport", "LoopbackServer",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzHarness", "TestSupport"], exclude: ["Fuzz"], swiftSettings: strict),
        .testTarget(
            name: "MediawireCLITests",
            dependencies: ["mediawire", "TestSupport", "LoopbackServer", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
