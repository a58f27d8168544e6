import Foundation
import Testing

/// A copy of some samples in a directory of its own, for a workbench that writes.
private func workbenchFolder(_ label: String, samples: [String]) throws -> URL {
    let folder = try temporaryDirectory(label)
    for sample in samples {
        let source = repositoryRoot.appendingPathComponent(sample)
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(source.lastPathComponent))
    }
    return folder
}

private func json(_ data: Data) -> Any? { try? JSONSerialization.jsonObject(with: data) }

/// A check report's JSON without lines and columns: a document written from its form has its own layout.
private func withoutPositions(_ text: String) -> String {
    text.split(separator: "\n").filter { !$0.contains("\"line\" :") && !$0.contains("\"column\" :") }.joined(separator: "\n")
}

@Suite(.serialized) struct WorkbenchAuthoringTests {
    /// Issue 23's browser test: a real Chromium writes a PY2021 submission from an empty form, sees it
    /// turn from not approved to approved when a band's rate goes from 25% to 35%, and saves it; the
    /// saved file is valid and `opapm check` gives the bytes the workbench gives.
    @Test(.timeLimit(.minutes(5))) func aBrowserWritesASubmissionThatOpapmCheckAgreesWith() throws {
        let folder = try workbenchFolder("author", samples: ["samples/approved/pace-payment-rate-reduction.xml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Served(folder.path)
        let run = try runPython(["Tests/Tools/author-in-browser.py", "http://127.0.0.1:\(server.port)", "written.xml"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("authored written.xml"))
        let saved = folder.appendingPathComponent("written.xml").path
        #expect(try opapm(["validate", saved]).status == 0)
        let cli = try opapm(["check", "--format", "json", saved])
        #expect(cli.status == 0 && cli.stdout.contains("\"determination\" : \"approved\""))
        let served = try server.request("GET", "/api/submissions/written.xml/check")
        #expect(served.text == cli.stdout)
        // Only the saved file was added: no temporary file left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["pace-payment-rate-reduction.xml", "written.xml"])
    }

    /// Opened in the browser and saved without a change: the same form. A roster of 600 clinicians is
    /// kept whole, not drawn as 1,200 fields, and saved as it was.
    @Test(.timeLimit(.minutes(5))) func aFileOpenedInTheBrowserAndSavedIsTheSame() throws {
        let folder = try workbenchFolder("edit", samples: ["samples/approved/medicaid-managed-care-medical-home.xml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try temporaryDirectory("edit-roster")
        defer { try? FileManager.default.removeItem(at: generated) }
        #expect(try opapm(["generate", "--out", generated.path, "--count", "1", "--roster", "600", "--seed", "3"]).status == 0)
        try FileManager.default.copyItem(at: generated.appendingPathComponent("submission-0.xml"), to: folder.appendingPathComponent("roster.xml"))
        let server = try Served(folder.path)
        for (name, kept) in [("medicaid-managed-care-medical-home.xml", nil), ("roster.xml", 600)] as [(String, Int?)] {
            let before = try server.request("GET", "/api/submissions/\(name)/form")
            let decided = try opapm(["check", "--format", "json", folder.appendingPathComponent(name).path]).stdout
            let run = try runPython(["Tests/Tools/edit-in-browser.py", "http://127.0.0.1:\(server.port)", name] + (kept.map { [String($0)] } ?? []))
            #expect(run.status == 0, "\(name): \(run.stdout)\(run.stderr)")
            let after = try server.request("GET", "/api/submissions/\(name)/form")
            #expect(json(after.body) as? NSDictionary == json(before.body) as? NSDictionary, "\(name)")
            #expect(after.headers["etag"] != before.headers["etag"] || after.body == before.body)
            let again = try opapm(["check", "--format", "json", folder.appendingPathComponent(name).path]).stdout
            #expect(withoutPositions(again) == withoutPositions(decided), "\(name)")
        }
    }

    @Test func aSaveReplacesOnlyTheVersionItWasOpenedFrom() throws {
        let folder = try workbenchFolder("save", samples: ["samples/approved/pace-payment-rate-reduction.xml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Served(folder.path)
        let opened = try server.request("GET", "/api/submissions/pace-payment-rate-reduction.xml/form")
        #expect(opened.status == 200)
        let version = try #require(opened.headers["etag"])
        let form = opened.body
        let target = folder.appendingPathComponent("pace-payment-rate-reduction.xml")
        let original = try Data(contentsOf: target)
        let asJSON = ["Content-Type": "application/json"]
        // No version given: refused, nothing written.
        #expect(try server.request("PUT", "/api/submissions/pace-payment-rate-reduction.xml", headers: asJSON, body: form).status == 428)
        // A new file where one exists: refused.
        let clash = try server.request("PUT", "/api/submissions/pace-payment-rate-reduction.xml",
            headers: asJSON.merging(["If-None-Match": "*"]) { $1 }, body: form)
        #expect(clash.status == 412 && clash.headers["content-type"] == "application/problem+json")
        // Someone else changes the file: the edit opened before is stale.
        try (original + Data("<!-- edited elsewhere -->\n".utf8)).write(to: target)
        let edited = try Data(contentsOf: target)
        let stale = try server.request("PUT", "/api/submissions/pace-payment-rate-reduction.xml",
            headers: asJSON.merging(["If-Match": version]) { $1 }, body: form)
        #expect(stale.status == 412 && stale.text.contains("changed by someone else"))
        #expect(try Data(contentsOf: target) == edited)
        // Opened again, saved: replaced, with a new version.
        let again = try server.request("GET", "/api/submissions/pace-payment-rate-reduction.xml/form")
        let current = try #require(again.headers["etag"])
        #expect(current != version)
        let saved = try server.request("PUT", "/api/submissions/pace-payment-rate-reduction.xml",
            headers: asJSON.merging(["If-Match": current]) { $1 }, body: again.body)
        #expect(saved.status == 200 && saved.headers["etag"] != nil && saved.headers["etag"] != current)
        #expect(try Data(contentsOf: target) != edited)
        // A form that is not a valid submission is not written, and says which field.
        var broken = try #require(json(again.body) as? [String: Any])
        broken["submissionDate"] = "yesterday"
        let invalid = try server.request("PUT", "/api/submissions/pace-payment-rate-reduction.xml",
            headers: asJSON.merging(["If-Match": try #require(saved.headers["etag"])]) { $1 },
            body: try JSONSerialization.data(withJSONObject: broken))
        #expect(invalid.status == 422 && invalid.text.contains("submissionDate"))
        let new = try server.request("PUT", "/api/submissions/second.xml", headers: asJSON.merging(["If-None-Match": "*"]) { $1 }, body: again.body)
        #expect(new.status == 201)
        // Names that would leave the directory, hide, or not be a submission, and a link: refused.
        let link = folder.appendingPathComponent("link.xml")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/tmp/opapm-never-written.xml")
        for name in ["..%2Fescaped.xml", "%2Ftmp%2Fescaped.xml", ".hidden.xml", "notes.txt", "a%5Cb.xml", "x%00.xml"] {
            let reply = try server.request("PUT", "/api/submissions/\(name)", headers: asJSON.merging(["If-None-Match": "*"]) { $1 }, body: again.body)
            #expect(reply.status == 400 || reply.status == 404, "\(name): \(reply.status)")
        }
        let linked = try server.request("PUT", "/api/submissions/link.xml", headers: asJSON.merging(["If-Match": "\"0\""]) { $1 }, body: again.body)
        #expect(linked.status == 409)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/opapm-never-written.xml"))
        #expect(!FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("escaped.xml").path))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["link.xml", "pace-payment-rate-reduction.xml", "second.xml"])
    }

    /// Opening and saving without a change gives an equivalent document: the same form and the same
    /// determinations, for every approved sample and the not-approved ones.
    @Test func openingAndSavingWithoutChangesGivesAnEquivalentDocument() throws {
        let samples = try ["samples/approved", "samples/not-approved"].flatMap { directory in
            try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(directory).path)
                .filter { $0.hasSuffix(".xml") }.sorted().map { "\(directory)/\($0)" }
        }
        let folder = try workbenchFolder("reopen", samples: samples)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Served(folder.path)
        var saved = 0
        for sample in samples {
            let name = URL(fileURLWithPath: sample).lastPathComponent
            let before = try opapm(["check", "--format", "json", folder.appendingPathComponent(name).path]).stdout
            let opened = try server.request("GET", "/api/submissions/\(name)/form")
            guard opened.status == 200 else { continue }  // a sample that is not schema-valid has no form
            let reply = try server.request("PUT", "/api/submissions/\(name)",
                headers: ["Content-Type": "application/json", "If-Match": try #require(opened.headers["etag"])], body: opened.body)
            #expect(reply.status == 200, "\(name): \(reply.text)")
            saved += 1
            let reopened = try server.request("GET", "/api/submissions/\(name)/form")
            #expect(json(reopened.body) as? NSDictionary == json(opened.body) as? NSDictionary, "\(name)")
            let after = try opapm(["check", "--format", "json", folder.appendingPathComponent(name).path]).stdout
            #expect(withoutPositions(after) == withoutPositions(before), "\(name)")
        }
        #expect(saved > 40)
    }

    /// The JSON form checks and validates as the XML does; a form field the schema lacks is named.
    @Test func theFormChecksAndValidatesAsItsXML() throws {
        let folder = try workbenchFolder("form-check", samples: ["samples/not-approved/FR004-average-marginal-risk-below-30-percent.xml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("FR004-average-marginal-risk-below-30-percent.xml").path
        let form = try opapm(["convert", source])
        #expect(form.status == 0)
        try form.stdout.write(to: folder.appendingPathComponent("form.json"), atomically: true, encoding: .utf8)
        #expect(try opapm(["convert", folder.appendingPathComponent("form.json").path, "--output", folder.appendingPathComponent("contract.xml").path]).status == 0)
        let server = try Served(folder.path)
        let posted = try server.request("POST", "/api/check?name=contract.xml", headers: ["Content-Type": "application/json"], body: Data(form.stdout.utf8))
        let cli = try opapm(["check", "--format", "json", "contract.xml"], in: folder)
        #expect(posted.status == 200 && posted.text == cli.stdout)
        var value = try #require(json(Data(form.stdout.utf8)) as? [String: Any])
        var payer = try #require(value["payer"] as? [String: Any])
        payer["nmae"] = "typo"
        value["payer"] = payer
        let typo = try server.request("POST", "/api/check", headers: ["Content-Type": "application/json"], body: try JSONSerialization.data(withJSONObject: value))
        #expect(typo.status == 422 && typo.text.contains("payer.nmae"))
        payer["nmae"] = nil
        payer["name"] = nil
        value["payer"] = payer
        let missing = try server.request("POST", "/api/validate", headers: ["Content-Type": "application/json"], body: try JSONSerialization.data(withJSONObject: value))
        let result = try #require(json(missing.body) as? [String: Any])
        #expect(result["valid"] as? Bool == false)
        let fields = (result["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        // libxml2 names the element where the missing one was expected: the payer's next field.
        #expect(fields.contains { $0.hasPrefix("payer.") }, "\(fields)")
    }

    /// The preview is the list `opapm publish` writes; QP data scored against it is what `opapm qp` prints.
    @Test func theListPreviewAndQPAreTheCommandLines() throws {
        let samples = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("samples/approved").path)
            .filter { $0.hasSuffix(".xml") }.map { "samples/approved/\($0)" }
            + ["samples/not-approved/FR002-total-risk-below-3-percent.xml"]
        let folder = try workbenchFolder("preview", samples: samples)
        let lists = try temporaryDirectory("preview-lists")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: lists)
        }
        let server = try Served(folder.path)
        let out = lists.appendingPathComponent("out")
        let publish = try opapm(["publish", folder.path, "--year", "2024", "--skip-invalid", "--format", "json", "--out", out.path])
        #expect(publish.status == 0, "\(publish.stderr)")
        let published = try Data(contentsOf: out.appendingPathComponent("approved-arrangements-2024.json"))
        let preview = try server.request("GET", "/api/approved-list?year=2024")
        #expect(preview.status == 200 && preview.body == published)
        let page = try server.request("GET", "/approved?year=2024")
        #expect(page.status == 200 && page.text.contains("pace") || page.text.contains("PACE"))
        #expect(try server.request("GET", "/api/approved-list?year=1900").status == 400)

        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("samples/qp/all-payer-2024.qp.xml"))
        let scored = try server.request("POST", "/api/qp?year=2024", headers: ["Content-Type": "application/xml"], body: data)
        let cli = try opapm(["qp", "samples/qp/all-payer-2024.qp.xml", "--year", "2024", "--format", "json",
            "--approved", out.appendingPathComponent("approved-arrangements-2024.json").path])
        #expect(scored.status == 200 && scored.text == cli.stdout, "\(scored.text.prefix(400))")
        let notQP = try server.request("POST", "/api/qp?year=2024", body: Data("<submission/>".utf8))
        #expect(notQP.status == 200 && notQP.text.contains("\"problems\"") && notQP.text.contains("QP data's is {urn:opapm:qp-data:1}qpData"), "\(notQP.text)")
    }

    @Test func theMeasurePickerSearchesTheYearsCatalogue() throws {
        let server = try Served("samples/approved")
        let found = try #require(json(try server.request("GET", "/api/measures?year=2021&q=blood%20pressure").body) as? [String: Any])
        let measures = found["measures"] as? [[String: Any]] ?? []
        let bloodPressure = try #require(measures.first { $0["id"] as? String == "236" })
        #expect(bloodPressure["type"] as? String == "intermediateOutcome" && bloodPressure["outcome"] as? Bool == true)
        #expect(measures.count <= 25)
        #expect(try server.request("GET", "/api/measures?year=1990").status == 404)
        #expect(try server.request("GET", "/api/measures").status == 400)
        let page = try server.request("GET", "/new")
        #expect(page.status == 200 && page.text.contains("<script src=\"/assets/workbench.js\"></script>"))
        #expect(!page.text.contains("<script>"), "the authoring page has no inline script")
        let script = try server.request("GET", "/assets/workbench.js")
        #expect(script.status == 200 && script.headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(script.body == (try Data(contentsOf: repositoryRoot.appendingPathComponent("Sources/OPAPMWorkbench/Assets/workbench.js"))))
        #expect(try server.request("GET", "/edit/no-such.xml").status == 404)
        #expect(try server.request("GET", "/edit/pace-payment-rate-reduction.xml").status == 200)
    }
}

@Suite struct ConvertCommandTests {
    @Test func convertGoesBothWaysAndNeverReplacesAFile() throws {
        let folder = try temporaryDirectory("convert")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = "samples/approved/medicaid-managed-care-medical-home.xml"
        let form = folder.appendingPathComponent("form.json").path
        let xml = folder.appendingPathComponent("back.xml").path
        let first = try opapm(["convert", sample, "--output", form])
        #expect(first.status == 0 && first.stdout.contains("JSON form written to"))
        #expect(try opapm(["convert", form, "-o", xml]).status == 0)
        #expect(try opapm(["validate", xml]).status == 0)
        // The output exists now: refused, and left as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: xml))
        let again = try opapm(["convert", form, "-o", xml])
        #expect(again.status == 2 && again.stderr.contains("exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: xml)) == before)
        // Not a valid submission: exit 1 with the reason, nothing written.
        let invalid = try opapm(["convert", "samples/invalid/missing-payer-type.xml", "-o", folder.appendingPathComponent("x.json").path])
        #expect(invalid.status == 1 && !invalid.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.json").path))
        #expect(try opapm(["convert", "no/such.xml"]).status == 2)
    }
}
