import Foundation
import Testing

/// The stages of docs/architecture.md, held to the sources and to Package.swift: a source file may
/// import only the stages its own stage lists, and each target declares exactly those.
@Suite struct ArchitectureTests {
    /// The "may import" column of docs/architecture.md's stage table, by stage.
    static func documentedStages() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: repositoryPath("docs/architecture.md"), encoding: .utf8)
        let start = try #require(text.range(of: "<!-- stages: the test reads this table -->"))
        let end = try #require(text.range(of: "<!-- end of stages -->"))
        var stages: [String: Set<String>] = [:]
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let stage = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let imports = cells[2] == "—" ? [] : cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            stages[stage] = Set(imports)
        }
        // Every target but the C ones, the fuzzing driver and the tests has a row.
        let expected = try packageModules().subtracting(["CLibXML2", "CSystemCalls", "CFuzzDriver", "opapm-fuzz"])
        #expect(Set(stages.keys) == expected)
        return stages
    }

    /// The modules the package builds (its folders under Sources).
    static func packageModules() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: repositoryPath("Sources")))
    }

    @Test func everySourceFileImportsOnlyTheStagesAboveIt() throws {
        let stages = try Self.documentedStages()
        let modules = try Self.packageModules().union(["ArgumentParser", "Yams", "BigInt", "Hummingbird", "HTTPTypes", "Logging", "NIOCore"])
        var offending: [String] = []
        for (stage, allowed) in stages {
            let folder = repositoryPath("Sources/\(stage)")
            let files = try #require(FileManager.default.subpaths(atPath: folder)).filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "no sources for \(stage)")
            for file in files {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                    guard words.count == 2, words[0] == "import", modules.contains(String(words[1])) else { continue }
                    if !allowed.contains(String(words[1])) { offending.append("\(stage)/\(file) imports \(words[1])") }
                }
            }
        }
        #expect(offending.isEmpty, "\(offending.sorted())")
    }

    @Test func packageDeclaresTheDocumentedStages() throws {
        let stages = try Self.documentedStages()
        let manifest = try String(contentsOfFile: repositoryPath("Package.swift"), encoding: .utf8)
        for (stage, allowed) in stages {
            // `.target(name: "X", dependencies: [...])`: the quoted names inside the dependencies' brackets,
            // less the packages products come from.
            let pattern = try Regex(#"\.(?:target|executableTarget)\(\s*name:\s*""# + stage + #"""#)
            let declaration = try #require(manifest.firstMatch(of: pattern), "\(stage) is not a target")
            let rest = manifest[declaration.range.upperBound...]
            var declared: Set<String> = []
            if let open = rest.range(of: "dependencies: ["), rest[..<open.lowerBound].contains(")") == false {
                var depth = 1
                var end = open.upperBound
                while depth > 0, end < rest.endIndex {
                    if rest[end] == "[" { depth += 1 } else if rest[end] == "]" { depth -= 1 }
                    end = rest.index(after: end)
                }
                let quoted = rest[open.upperBound..<end].split(separator: "\"", omittingEmptySubsequences: false)
                declared = Set(quoted.enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
                    .subtracting(["swift-argument-parser", "hummingbird", "swift-http-types", "swift-log", "swift-nio"])
            }
            #expect(declared == allowed, "\(stage): Package.swift declares \(declared.sorted()), docs/architecture.md \(allowed.sorted())")
        }
    }

    @Test func theCommandLineHoldsNoWorkflowOfItsOwn() throws {
        // The CLI reaches the XML layer and the file system only through its stages' workflows.
        let folder = repositoryPath("Sources/opapm")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for forbidden in [#"import OPAPMXML"#, #"FileHandle\(forWritingAtPath"#, #"\bDeterminationEngine\("#, #"\bListDirectory\("#] {
                #expect(text.firstMatch(of: try Regex(forbidden)) == nil, "\(file) uses \(forbidden)")
            }
        }
    }
}
