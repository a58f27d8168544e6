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
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libxml2, seen only by OPAPMXML.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Secure parsing, XSD validation and the element tree with line numbers. The SAX path's stored
        // properties are marked `@exclusivity(unchecked)` one by one (their run-time checks were a tenth of a
        // batch check's instructions, docs/performance.md; each parse's state lives on one thread), so the
        // package needs no unsafe flags and the library product can be used as a dependency.
        .target(name: "OPAPMXML", dependencies: ["CLibXML2"]),
        // The few system calls Swift cannot reach directly (renameat2 for the list's atomic exchange).
        .target(name: "CSystemCalls"),
        // Domain model, performance-year table, measure catalogue, rules, determination, safe writing.
        .target(name: "OPAPMCore", dependencies: ["OPAPMXML", "CSystemCalls"]),
        // Reports (text, JSON, SARIF, JUnit, GitHub, checkstyle) and the lint configuration.
        .target(
            name: "OPAPMReporting",
            dependencies: ["OPAPMCore", "OPAPMXML", .product(name: "Yams", package: "Yams")]),
        // The command-line tool: argument parsing only.
        .executableTarget(
            name: "opapm",
            dependencies: [
                "OPAPMCore", "OPAPMReporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Fuzzing: the harness (parse, load, check, report, invariants), libFuzzer's entry point, and the
        // target scripts/fuzz builds with -sanitize=fuzzer (built normally, it replays saved inputs).
        .target(name: "OPAPMFuzzing", dependencies: ["OPAPMCore", "OPAPMReporting"]),
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "opapm-fuzz", dependencies: ["OPAPMFuzzing", "CFuzzDriver"]),

        .testTarget(name: "OPAPMXMLTests", dependencies: ["OPAPMXML"]),
        .testTarget(name: "OPAPMCoreTests", dependencies: ["OPAPMCore", "OPAPMXML", "OPAPMFuzzing"], exclude: ["Fixtures"]),
        .testTarget(
            name: "OPAPMReportingTests", dependencies: ["OPAPMReporting", "OPAPMCore", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]),
        // End-to-end: runs the built executable, so it depends on it.
        .testTarget(name: "OPAPMCLITests", dependencies: ["opapm", .product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6]
)
