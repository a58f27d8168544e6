import Foundation
import Testing

/// Issue 19, item 4: every figure and threshold a decision used says how firm it is (codified, secondary,
/// unverified, interpretation), in text, JSON, HTML and SARIF, next to the finding or figure it belongs
/// to rather than on a trailing line; and the QP thresholds are read from the law file.
@Suite struct ProvenanceTests {
    let lowest2019 = "samples/not-approved/FR004-lowest-rate-in-2019.xml"

    @Test func theTextReportTagsFiguresAndListsEachFindingsLaw() throws {
        let run = try opapm(["check", lowest2019])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  CEHRT: required 75%, minimum 50% [codified]"), "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("  marginal risk over (4%, 10.4%]") && $0.contains("lowest rate applies [codified]; minimum 30% [codified]") && $0.contains("lowest 0% [interpretation]") })
        // The finding's own law line sits under it, before the summary; no trailing list reads as part of it.
        guard let finding = lines.firstIndex(where: { $0.contains("[FR004]") }) else {
            Issue.record("no FR004 finding: \(run.stdout)")
            return
        }
        let law = lines[(finding + 1)...].first { $0.hasPrefix("  law: ") } ?? ""
        #expect(law.contains("marginalRiskMinimumPercent 30 (codified)"))
        #expect(law.contains("allowancesUse never-against-the-arrangement (interpretation)"))
        #expect(!run.stdout.contains("law not codified"))
    }

    @Test func jsonCarriesEachFindingsLawAndEachFiguresProvenance() throws {
        let run = try opapm(["check", lowest2019, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let arrangement = ((object?["files"] as? [[String: Any]])?.first?["arrangements"] as? [[String: Any]])?.first
        let figures = arrangement?["figures"] as? [String: Any]
        let provenance = figures?["provenance"] as? [String: String]
        #expect(provenance?["marginalRiskMinimumPercent"] == "codified")
        #expect(provenance?["averageMarginalRiskFromZeroPercent"] == "interpretation")
        let finding = (arrangement?["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "FR004" }
        let law = finding?["law"] as? [[String: Any]] ?? []
        #expect(law.contains { $0["name"] as? String == "allowancesUse" && $0["provenance"] as? String == "interpretation" })
        #expect(law.contains { $0["name"] as? String == "marginalRiskMethod" && $0["value"] as? String == "lowest" })
    }

    @Test func sarifResultsCarryTheirLawInProperties() throws {
        let run = try opapm(["lint", lowest2019, "--format", "sarif"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let results = ((object?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let properties = results.first { $0["ruleId"] as? String == "FR004" }?["properties"] as? [String: Any]
        #expect(properties?["provenance"] as? String == "interpretation")
        #expect((properties?["law"] as? [[String: Any]])?.contains { $0["name"] as? String == "marginalRiskMinimumPercent" } == true)
    }

    @Test func theHTMLReportShowsTheLawEachCriterionUsed() throws {
        let root = try temporaryDirectory("provenance-html")
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("report.html")
        _ = try opapm(["check", lowest2019, "--format", "html", "--output", page.path])
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<th scope=\"col\">law used</th>"))
        #expect(html.contains("allowancesUse never-against-the-arrangement <span class=\"provenance interpretation\">(interpretation)</span>"))
    }

    /// The medical-home route rests on the PY2023+ 50-clinician reading, an interpretation.
    @Test func theRouteSaysWhatItRestsOn() throws {
        let run = try opapm(["check", "samples/approved/other-payer-aligned-medical-home.xml"])
        #expect(run.stdout.contains("  financial risk route: medical-home [interpretation]"), "\(run.stdout)")
        #expect(run.stdout.contains("  medical-home elements met: 7 of 7 (needs 4) [codified]"))
    }

    /// The QP thresholds are law-file values: a newer file changes them without a release, and the
    /// secondary PY2026 row and incentives say so on their own lines.
    @Test func qpThresholdsComeFromTheLawFile() throws {
        let qp = ["qp", "samples/qp/all-payer-2024.qp.xml", "--year", "2024", "--approved", "samples/qp/approved-2024.json"]
        let builtIn = try opapm(qp)
        #expect(builtIn.stdout.contains("lakeshore-aco (Lakeshore Physician Partners ACO, apm-entity), PY2024: QP"), "\(builtIn.stdout)")
        #expect(builtIn.stdout.contains("  law: apmIncentivePercent 1.88 [secondary: 42 CFR 414.1450(b)(1), Consolidated Appropriations Act 2024]"))

        let root = try temporaryDirectory("qp-law")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("law/opapm-law.json"))
        var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        document["entries"] = (document["entries"] as? [[String: Any]] ?? []).map { entry in
            var entry = entry
            if entry["key"] as? String == "qpPaymentThresholdMedicare", entry["from"] as? Int == 2019 { entry["value"] = "60" }
            return entry
        }
        let newer = root.appendingPathComponent("law.json")
        try JSONSerialization.data(withJSONObject: document).write(to: newer)
        let raised = try opapm(qp + ["--law", newer.path])
        // The entity's best Medicare payment score is 53.409%: below a 60% threshold it is no QP by the Medicare Option.
        #expect(!raised.stdout.contains("Medicare Option: payment-amount score 53.409% meets"), "\(raised.stdout)")
        #expect(builtIn.stdout.contains("Medicare Option: payment-amount score 53.409% meets 50%"))
    }
}
