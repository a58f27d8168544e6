import Foundation
import Testing

/// Issue 21 item 4: every id any output names is in the one catalogue, has a page, and `opapm explain`
/// describes it.
@Suite struct FindingCatalogueTests {
    /// The ids `opapm rules` lists.
    func catalogue() throws -> Set<String> {
        let run = try opapm(["rules"])
        #expect(run.status == 0)
        return Set(run.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// Runs every kind of input through check (JSON) and lint (SARIF) and gathers the ids they name.
    @Test func everyEmittedIdIsCatalogued() throws {
        // A directory with a dangling link gives IO001.
        let root = try temporaryDirectory("catalogue")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("gone.xml").path, withDestinationPath: root.appendingPathComponent("nowhere.xml").path)
        let inputs = ["samples", "Tests/Fixtures/hostile", "Tests/Fixtures/bad-input", root.path]
        var emitted = Set<String>()
        let check = try opapm(["check", "--format", "json"] + inputs)
        let json = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        for file in json?["files"] as? [[String: Any]] ?? [] {
            for finding in file["findings"] as? [[String: Any]] ?? [] { emitted.insert(finding["rule"] as? String ?? "?") }
            for arrangement in file["arrangements"] as? [[String: Any]] ?? [] {
                for finding in arrangement["findings"] as? [[String: Any]] ?? [] { emitted.insert(finding["rule"] as? String ?? "?") }
            }
        }
        let sarif = try opapm(["lint", "--format", "sarif"] + inputs)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let run = (log?["runs"] as? [[String: Any]])?.first
        let rules = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        for result in run?["results"] as? [[String: Any]] ?? [] {
            let id = result["ruleId"] as? String ?? "?"
            emitted.insert(id)
            // Every result points at its own rule.
            let index = try #require(result["ruleIndex"] as? Int, "\(id) has no ruleIndex")
            #expect(rules[index]["id"] as? String == id)
        }
        #expect(emitted.isSuperset(of: ["XML001", "XML002", "XML005", "XSD001", "IO001", "FR004", "SUB004"]), "\(emitted.sorted())")
        let known = try catalogue()
        #expect(emitted.subtracting(known).isEmpty, "not in the catalogue: \(emitted.subtracting(known).sorted())")
        for id in known {
            #expect(FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("docs/rules/\(id).md").path), "\(id) has no page")
        }
    }

    @Test func explainDescribesEveryKindOfId() throws {
        for id in ["FR004", "XSD001", "XML002", "IO001", "INP006", "QP006", "qp001"] {
            let run = try opapm(["explain", id])
            #expect(run.status == 0, "\(id): \(run.stderr)")
            #expect(run.stdout.hasPrefix("# \(id.uppercased()): "))
        }
        #expect(try opapm(["explain", "ZZZ999"]).status == 2)
    }
}

/// Issue 22 item 10: a file of the wrong kind gets a message that names the right command.
@Suite struct WrongKindTests {
    @Test func eachKindNamesItsCommand() throws {
        let cases: [([String], String)] = [
            (["check", "samples/qp/all-payer-2024.qp.xml"], "this is QP data, not a submission: use `opapm qp FILE --year PY --approved LIST`"),
            (["validate", "samples/qp/all-payer-2024.qp.xml"], "this is QP data, not a submission"),
            (["check", "samples/qp/approved-2024.json"], "this is JSON (an approved list?): an approved list is given with --approved"),
            (["check", "law/opapm-law.json"], "this is a law file: give it with --law FILE"),
            (["check", "schemas/submission.xsd"], "the root element is {http://www.w3.org/2001/XMLSchema}schema; a submission's is {urn:opapm:submission:1}submission"),
            (["qp", "samples/approved/pace-payment-rate-reduction.xml", "--year", "2024", "--approved", "samples/qp/approved-2024.json"],
                "this is a submission, not QP data: use `opapm check FILE`"),
        ]
        for (arguments, message) in cases {
            let run = try opapm(arguments)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stdout.contains(message), "\(arguments): \(run.stdout)")
            #expect(!run.stdout.contains("No matching global declaration") && !run.stdout.contains("Document is empty"))
        }
    }
}
