// swift-tools-version:6.0
// A package that depends on MediaWire by path, as another project would: CI builds and runs it,
// so the libraries stay usable from outside (products, public API, no unsafe flags).
import PackageDescription

let package = Package(
    name: "Dependent",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "MediaWire", path: "../../..")],
    targets: [
        .executableTarget(
            name: "Dependent",
            dependencies: [
                .product(name: "Syndication", package: "MediaWire"),
                .product(name: "HouseStyle", package: "MediaWire"),
                .product(name: "FeedValidation", package: "MediaWire"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
