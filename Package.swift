// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "opapm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "opapm", targets: ["opapm"]),
        .library(name: "OPAPMCore", targets: ["OPAPMCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libxml2, seen only by OPAPMXML.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Secure parsing, XSD validation and the element tree with line numbers.
        .target(name: "OPAPMXML", dependencies: ["CLibXML2"]),
        // Domain model, performance-year table, measure catalogue, rules, determination.
        .target(name: "OPAPMCore", dependencies: ["OPAPMXML"]),
        // Text and JSON reports.
        .target(name: "OPAPMReporting", dependencies: ["OPAPMCore"]),
        // The command-line tool: argument parsing only.
        .executableTarget(
            name: "opapm",
            dependencies: [
                "OPAPMCore", "OPAPMReporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "OPAPMXMLTests", dependencies: ["OPAPMXML"]),
        .testTarget(name: "OPAPMCoreTests", dependencies: ["OPAPMCore", "OPAPMXML"], exclude: ["Fixtures"]),
        .testTarget(name: "OPAPMReportingTests", dependencies: ["OPAPMReporting", "OPAPMCore"]),
        // End-to-end: runs the built executable, so it depends on it.
        .testTarget(name: "OPAPMCLITests", dependencies: ["opapm"]),
    ],
    swiftLanguageModes: [.v6]
)
