// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "opapm",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "opapm", targets: ["opapm"]),
        .library(name: "OPAPMCore", targets: ["OPAPMCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        // The workbench's server; its default traits (swift-configuration, full Foundation) are not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // What the workbench names of Hummingbird's own foundations: header names, its logger, byte limits.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
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
        // Files read and written without losing a user's data: bounded reads of side files, JSON with
        // positioned errors, atomic writes, list directories. Refusals read as the XML reader's do.
        .target(name: "OPAPMFiles", dependencies: ["OPAPMModel", "OPAPMXML", "CSystemCalls"]),
        // The domain, in stages that depend one way (docs/architecture.md). Each may import only the
        // stages above it; the compiler refuses a back-edge.
        // The submission as plain values: arrangements, dates, exact amounts and rates, locations.
        .target(name: "OPAPMModel", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        // The law by performance year (the law file), the MIPS measure catalogue.
        .target(name: "OPAPMLaw", dependencies: ["OPAPMModel", "OPAPMFiles"]),
        // The rules of 414.1420 and 414.1445, one per file, their registry, and the risk analysis.
        .target(name: "OPAPMRules", dependencies: ["OPAPMModel", "OPAPMLaw"]),
        // Loading from the XML tree, determination, batches, cross-file checks, never losing a file.
        .target(
            name: "OPAPMEngine",
            dependencies: ["OPAPMModel", "OPAPMLaw", "OPAPMRules", "OPAPMFiles", "OPAPMXML"]),
        // The approved list from decided files, and replacing a published list.
        .target(name: "OPAPMPublishing", dependencies: ["OPAPMModel", "OPAPMLaw", "OPAPMRules", "OPAPMFiles", "OPAPMEngine"]),
        // QP data, its checks and the QP calculator (414.1425-1440).
        .target(
            name: "OPAPMQP",
            dependencies: ["OPAPMModel", "OPAPMLaw", "OPAPMRules", "OPAPMFiles", "OPAPMEngine", "OPAPMPublishing", "OPAPMXML"]),
        // The library product: every stage as one import, and the one catalogue of finding ids.
        .target(
            name: "OPAPMCore",
            dependencies: [
                "OPAPMModel", "OPAPMLaw", "OPAPMRules", "OPAPMFiles", "OPAPMEngine", "OPAPMPublishing", "OPAPMQP", "OPAPMXML",
            ]),
        // Reports (text, JSON, SARIF, JUnit, GitHub, checkstyle) and the lint configuration.
        .target(
            name: "OPAPMReporting",
            dependencies: ["OPAPMCore", "OPAPMXML", .product(name: "Yams", package: "Yams")]),
        // `opapm serve`: the workbench's review pages and JSON API over a directory of submissions.
        .target(
            name: "OPAPMWorkbench",
            dependencies: [
                "OPAPMCore", "OPAPMReporting", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // The page's script, embedded by scripts/embed-schemas (EmbeddedAssets.swift).
            exclude: ["Assets"]),
        // The command-line tool: argument parsing only.
        .executableTarget(
            name: "opapm",
            dependencies: [
                "OPAPMCore", "OPAPMReporting", "OPAPMWorkbench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Fuzzing: the harness (parse, load, check, report, invariants), libFuzzer's entry point, and the
        // target scripts/fuzz builds with -sanitize=fuzzer (built normally, it replays saved inputs).
        .target(name: "OPAPMFuzzing", dependencies: ["OPAPMCore", "OPAPMReporting"]),
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "opapm-fuzz", dependencies: ["OPAPMFuzzing", "CFuzzDriver"]),

        .testTarget(name: "OPAPMXMLTests", dependencies: ["OPAPMXML"]),
        .testTarget(
            name: "OPAPMCoreTests",
            dependencies: ["OPAPMCore", "OPAPMXML", "OPAPMFuzzing", .product(name: "BigInt", package: "BigInt")],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "OPAPMReportingTests", dependencies: ["OPAPMReporting", "OPAPMCore", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]),
        // End-to-end: runs the built executable, so it depends on it.
        .testTarget(name: "OPAPMCLITests", dependencies: ["opapm", .product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6]
)
