// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MediaWire",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Syndication", targets: ["Syndication"]),
        .library(name: "HouseStyle", targets: ["HouseStyle"]),
        .library(name: "FeedValidation", targets: ["FeedValidation"]),
        .executable(name: "mediawire", targets: ["mediawire"]),
        .executable(name: "mediawire-bench", targets: ["mediawire-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        // Already in the graph through AsyncHTTPClient; used for SHA-256 (content hashes, minted ids).
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "Syndication", dependencies: ["CLibXML2"]),
        .target(name: "FeedValidation", dependencies: ["Syndication"]),
        .target(
            name: "HouseStyle",
            dependencies: ["Syndication", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Wire",
            dependencies: [
                "Syndication", "HouseStyle", "FeedValidation",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // A loopback HTTP server for the poll tests and the poll benchmark.
        .target(
            name: "LoopbackServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "mediawire-bench",
            dependencies: [
                "Syndication", "HouseStyle", "Wire", "LoopbackServer", "FeedValidation",
            ]
        ),
        .executableTarget(
            name: "mediawire",
            dependencies: [
                "Syndication", "HouseStyle", "Wire", "FeedValidation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds carry the Swift runtime and Foundation inside: no dynamic symbol
            // binding against a dozen libraries at every start (parse of a small feed about
            // 17.5 -> 11.8 ms whole-process; 5 MB feeds 7-9 ms faster, 5 MB less RSS). SwiftPM's
            // own --static-swift-stdlib also compiles every dependency against the static modules;
            // here only the link is static, so Foundation's own static dependencies are named, and
            // lld, which needs no particular order of archives, links them.
            linkerSettings: [
                .unsafeFlags(["-static-stdlib", "-use-ld=lld"] + [
                    "FoundationEssentials", "FoundationInternationalization", "_FoundationICU", "_FoundationCollections",
                    "_FoundationCShims", "CoreFoundation",
                ].flatMap { ["-Xlinker", "-l\($0)"] }, .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .testTarget(name: "SyndicationTests", dependencies: ["Syndication"]),
        .testTarget(name: "HouseStyleTests", dependencies: ["HouseStyle"]),
        .testTarget(name: "FeedValidationTests", dependencies: ["FeedValidation"]),
        .testTarget(
            name: "WireTests",
            dependencies: [
                "Wire", "Syndication", "HouseStyle", "LoopbackServer", "FeedValidation",
            ]
        ),
        .testTarget(name: "MediawireCLITests", dependencies: ["mediawire"]),
    ],
    swiftLanguageModes: [.v6]
)
