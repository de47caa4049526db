// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MediaWire",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Syndication", targets: ["Syndication"]),
        .library(name: "HouseStyle", targets: ["HouseStyle"]),
        .executable(name: "mediawire", targets: ["mediawire"]),
        .executable(name: "mediawire-bench", targets: ["mediawire-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "Syndication", dependencies: ["CLibXML2"]),
        .target(
            name: "HouseStyle",
            dependencies: ["Syndication", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Wire",
            dependencies: [
                "Syndication", "HouseStyle",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(name: "mediawire-bench", dependencies: ["Syndication", "HouseStyle"]),
        .executableTarget(
            name: "mediawire",
            dependencies: [
                "Syndication", "HouseStyle", "Wire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SyndicationTests", dependencies: ["Syndication"]),
        .testTarget(name: "HouseStyleTests", dependencies: ["HouseStyle"]),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "MediawireCLITests", dependencies: ["mediawire"]),
    ],
    swiftLanguageModes: [.v6]
)
