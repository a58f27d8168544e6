import Foundation
import OPAPMFuzzing
import Testing

/// Every input the fuzzer ever found a problem with (Tests/Fixtures/fuzz/), the hostile fixtures and
/// the samples go through the fuzz harness: parse, load, check, both reports and the invariants
/// (no approval with an error, none of a file that did not load). A regression traps the test process.
@Suite struct FuzzRegressionTests {
    static func inputs() -> [String] {
        var paths: [String] = []
        for folder in ["Tests/Fixtures/fuzz", "Tests/Fixtures/hostile", "Tests/Fixtures/bad-input", "samples"] {
            let root = repositoryPath(folder)
            let names = FileManager.default.enumerator(atPath: root)?.allObjects.compactMap { $0 as? String } ?? []
            paths += names.filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".json") }.map { "\(folder)/\($0)" }
        }
        return paths.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: repositoryPath(path), isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    @Test func thereAreInputsToReplay() {
        #expect(Self.inputs().count >= 50)
    }

    @Test(arguments: inputs())
    func replays(path: String) throws {
        try FuzzHarness.replay(paths: [repositoryPath(path)])
    }
}
