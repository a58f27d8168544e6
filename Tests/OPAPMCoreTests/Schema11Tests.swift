import Foundation
import Testing

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMFiles
@testable import OPAPMLaw
@testable import OPAPMModel
@testable import OPAPMPublishing
@testable import OPAPMQP
@testable import OPAPMRules

/// Issue 19, item 3: schema 1.1 is backward compatible, and each addition decides or reports as documented.
@Suite struct Schema11Tests {
    let engine = DeterminationEngine()

    func load(_ xml: String, name: String = "test.xml") throws -> Submission {
        let loaded = try SubmissionLoader().load(bytes: Array(xml.utf8), name: name)
        guard let submission = loaded.submission else { throw SampleError(message: "\(loaded.diagnostics.map(\.message))") }
        return submission
    }

    func text(_ sample: String) throws -> String {
        try String(contentsOfFile: repositoryPath(sample), encoding: .utf8)
    }

    func ids(_ result: ArrangementDetermination, _ severity: Severity) -> [String] {
        result.findings.filter { $0.severity == severity }.map(\.rule).sorted()
    }

    static let samples10: [String] = ["approved", "not-approved", "findings"].flatMap { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: repositoryPath("samples/\(folder)"))) ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted().map { "samples/\(folder)/\($0)" }
    }.filter { path in
        ((try? String(contentsOfFile: repositoryPath(path), encoding: .utf8)) ?? "").contains("version=\"1.0\">")
    }

    /// Every 1.0 sample, relabelled 1.1, decides the same with the same errors and warnings: the
    /// additions are optional and change nothing when absent (1.1 adds only notes that ask for them).
    @Test(arguments: samples10)
    func a10FileDecidesTheSameAs11(sample: String) throws {
        let original = try load(try text(sample), name: sample)
        let relabelled = try load(try text(sample).replacingOccurrences(of: "version=\"1.0\">", with: "version=\"1.1\">"), name: sample)
        #expect(original.version == "1.0" && relabelled.version == "1.1")
        for year in original.performanceYears.map(\.value) {
            let before = engine.determine(original, year: year)
            let after = engine.determine(relabelled, year: year)
            #expect(before.determination == after.determination, "\(sample) PY\(year)")
            #expect(ids(before, .error) == ids(after, .error), "\(sample) PY\(year)")
            #expect(ids(before, .warning) == ids(after, .warning), "\(sample) PY\(year)")
            #expect(Set(ids(after, .note)).subtracting(ids(before, .note)).isSubset(of: ["SUB009", "FR007"]))
        }
    }

    func aligned(_ change: (String) -> String = { $0 }) throws -> Submission {
        try load(change(try text("samples/approved/other-payer-aligned-medical-home.xml")))
    }

    @Test func theAlignedRouteNeedsAMedicalHomeModelAndAPartnership() throws {
        let stated = engine.determine(try aligned(), year: 2024)
        #expect(stated.determination == .approved)
        #expect(stated.figures.route == .medicalHome)
        #expect(!stated.findings.contains { $0.rule == "MMH006" })

        let notAModel = engine.determine(try aligned { $0.replacingOccurrences(of: "medicalHomeModel=\"true\"", with: "medicalHomeModel=\"false\"") }, year: 2024)
        #expect(notAModel.figures.route == .general)
        #expect(notAModel.determination != .approved)
        #expect(ids(notAModel, .warning).contains("MMH006") && !ids(notAModel, .warning).contains("MMH001"))

        let unstated = engine.determine(try aligned { xml in
            xml.replacingOccurrences(of: " medicalHomeModel=\"true\"", with: "")
                .replacingOccurrences(of: #"<partnershipEvidence>[^<]*</partnershipEvidence>\s*"#, with: "", options: .regularExpression)
        }, year: 2024)
        #expect(unstated.figures.route == .medicalHome, "an unstated status is put to the reviewers, not refused")
        #expect(unstated.findings.filter { $0.rule == "MMH006" && $0.severity == .warning }.count == 2)

        // Before PY2020 there is no aligned route: MMH001 speaks, MMH006 is silent.
        var y2019 = try aligned()
        y2019.performanceYears = [Located(2019, at: y2019.location)]
        let early = engine.determine(y2019, year: 2019)
        #expect(ids(early, .warning).contains("MMH001") && !early.findings.contains { $0.rule == "MMH006" })
    }

    func snapshots(_ counts: [Int], year: Int) throws -> ArrangementDetermination {
        var submission = try aligned()
        submission.arrangement.apmEntities[0].snapshotCounts = zip(["march-31", "june-30", "august-31"], counts).map {
            SnapshotCount(snapshot: $0.0, count: $0.1, location: SourceLocation(line: 99, path: "/snapshot/\($0.0)"))
        }
        submission.performanceYears = [Located(year, at: submission.location)]
        return engine.determine(submission, year: year)
    }

    /// From PY2023 the entity's count on any snapshot date counts; 50 is read as over, with a note.
    @Test func theLimitReadsEverySnapshotFromPY2023() throws {
        let under = try snapshots([46, 48, 49], year: 2024)
        #expect(under.figures.route == .medicalHome)
        let atFifty = try snapshots([46, 50, 49], year: 2024)
        #expect(atFifty.figures.route == .general)
        let warning = atFifty.findings.first { $0.rule == "MMH005" && $0.severity == .warning }
        #expect(warning?.message.contains("50 eligible clinicians on june-30") == true, "\(atFifty.findings.map(\.message))")
        #expect(atFifty.findings.contains { $0.rule == "MMH005" && $0.severity == .note && $0.message.contains("exactly 50") })
        // PY2023 is the first year of the entity count; PY2022 reads the owning organization (12 here).
        #expect(try snapshots([60, 60, 60], year: 2023).figures.route == .general)
        #expect(try snapshots([60, 60, 60], year: 2022).figures.route == .medicalHome)
        // Without snapshot counts a note says the one count was read for all three.
        let withoutCounts = engine.determine(try aligned { $0.replacingOccurrences(of: #"<clinicianCountAtSnapshot[^>]*>[0-9]+</clinicianCountAtSnapshot>\s*"#, with: "", options: .regularExpression) }, year: 2024)
        #expect(withoutCounts.findings.contains { $0.rule == "MMH005" && $0.message.contains("snapshot dates not stated") })
        #expect(!(try stated()).findings.contains { $0.rule == "MMH005" })
    }

    func stated() throws -> ArrangementDetermination { engine.determine(try aligned(), year: 2024) }

    func capitation(_ settlement: String) throws -> ArrangementDetermination {
        let xml = try text("samples/approved/medicare-advantage-full-capitation.xml")
            .replacingOccurrences(of: "<settlement>false</settlement>", with: settlement)
        let submission = try load(xml)
        return engine.determine(submission, year: 2024)
    }

    @Test func aSettlementSaysWhichWayItRuns() throws {
        #expect(try capitation("<settlement>false</settlement>").determination == .approved)
        let savings = try capitation(#"<settlement reconciles="savings">true</settlement>"#)
        #expect(savings.findings.first { $0.rule == "INP007" }?.message == "full-capitation arrangement with a settlement that reconciles or shares savings")
        let both = try capitation(#"<settlement reconciles="both">true</settlement>"#)
        #expect(both.findings.first { $0.rule == "INP007" }?.message.hasSuffix("losses and savings") == true)
        let contradiction = try capitation(#"<settlement reconciles="losses">false</settlement>"#)
        let finding = contradiction.findings.first { $0.rule == "INP007" }
        #expect(finding?.incomplete == true && contradiction.determination == .incomplete)
    }

    @Test func theCertifiersAuthorityIsAskedFor() throws {
        let base = try text("samples/findings/SUB009-certifier-authority-not-stated.xml")
        let missing = engine.determine(try load(base), year: 2024)
        #expect(missing.findings.first { $0.rule == "SUB009" }?.severity == .note)
        let given = base.replacingOccurrences(of: "</attestation>", with: "  <authority>President, under the bylaws</authority>\n  </attestation>")
        #expect(!engine.determine(try load(given), year: 2024).findings.contains { $0.rule == "SUB009" })
        let v10 = base.replacingOccurrences(of: "version=\"1.1\">", with: "version=\"1.0\">")
        #expect(!engine.determine(try load(v10), year: 2024).findings.contains { $0.rule == "SUB009" })
        #expect(try load(given).attestation.authority == "President, under the bylaws")
    }

    @Test func riskTermsCiteTheContract() throws {
        let base = try text("samples/findings/FR007-risk-terms-without-contract-reference.xml")
        #expect(engine.determine(try load(base), year: 2024).findings.first { $0.rule == "FR007" }?.severity == .note)
        let cited = base.replacingOccurrences(of: "    </financialRisk>", with: "      <evidence>Exhibit C, section 2</evidence>\n    </financialRisk>")
        let submission = try load(cited)
        #expect(submission.arrangement.financialRisk?.evidence == ["Exhibit C, section 2"])
        #expect(!engine.determine(submission, year: 2024).findings.contains { $0.rule == "FR007" })
    }

    /// A consensus-endorsed measure goes to the reviewers with its steward, endorsement id and evidence.
    @Test func aConsensusMeasureIsReviewedWithWhatWasGiven() throws {
        let base = try text("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml")
        func only(_ measure: String) throws -> ArrangementDetermination {
            let xml = base.replacingOccurrences(
                of: #"<qualityMeasures>[\s\S]*</qualityMeasures>"#,
                with: "<qualityMeasures>\(measure)</qualityMeasures>", options: .regularExpression)
            return engine.determine(try load(xml.replacingOccurrences(of: "version=\"1.0\">", with: "version=\"1.1\">")), year: 2024)
        }
        let full = try only("""
            <measure id="CBE-0018" source="consensus-endorsed" outcome="true"><title>Controlling High Blood Pressure</title>\
            <evidence>Endorsed by the consensus-based entity, 2022 cycle</evidence><steward>NCQA</steward>\
            <endorsementId>0018</endorsementId></measure>
            """)
        let message = full.findings.first { $0.rule == "QM001" }?.message ?? ""
        #expect(message.contains("steward NCQA; endorsement 0018; evidence: Endorsed by the consensus-based entity, 2022 cycle"), "\(message)")
        let bare = try only(#"<measure id="CBE-0018" source="consensus-endorsed" outcome="true"/>"#)
        #expect(bare.findings.first { $0.rule == "QM001" }?.message.contains("no endorsement id given; no evidence given") == true)
        #expect(bare.findings.first { $0.rule == "QM001" }?.severity == .warning)
    }
}
