import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`, installed by .ci/run) renders the HTML report.
func chromium(_ arguments: [String]) throws -> Run {
    let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw BrowserMissing()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
}

struct BrowserMissing: Error, CustomStringConvertible {
    var description: String { "chromium is not installed: apt-get install -y chromium (bash .ci/run does)" }
}

@Suite(.serialized) struct HTMLReportTests {
    func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func reportForEverySampleRendersInChromium() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.html")
        let run = try opapm(["check", "samples", "--format", "html", "--output", report.path])
        #expect(run.status == 1)
        let json = try opapm(["check", "samples", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]] ?? []
        let arrangements = files.flatMap { $0["arrangements"] as? [[String: Any]] ?? [] }
        let general = arrangements.filter { (($0["figures"] as? [String: Any])?["liabilityCurve"]) != nil }

        let dom = try chromium(["--dump-dom", report.absoluteString]).stdout
        #expect(dom.contains("<h1>Other Payer Advanced APM determinations</h1>"))
        #expect(occurrences("data-determination=", in: dom) == arrangements.count)
        #expect(occurrences("data-determination=\"approved\"", in: dom) == arrangements.filter { $0["determination"] as? String == "approved" }.count)
        // The rules only: `opapm rules` also lists the XML, file, batch and QP ids, marked by kind.
        let ruleCount = try opapm(["rules"]).stdout.split(separator: "\n").filter { line in
            !["(xml)", "(file)", "(batch)", "(qp)"].contains { line.contains(" \($0)  [") }
        }.count
        #expect(occurrences("class=\"criterion ", in: dom) == arrangements.count * ruleCount)
        #expect(occurrences("<svg class=\"risk-chart\"", in: dom) == general.count)
        #expect(occurrences("<polyline class=\"liability-curve\"", in: dom) == general.count)
        #expect(occurrences("class=\"curve-data\"", in: dom) == general.count)
        #expect(dom.contains("class=\"checklist\""))
        for path in files.compactMap({ $0["path"] as? String }) {
            #expect(dom.contains(path), "\(path) missing from the page")
        }

        let png = directory.appendingPathComponent("report.png")
        _ = try chromium(["--window-size=1100,1600", "--screenshot=\(png.path)", report.absoluteString])
        let bytes = try Data(contentsOf: png)
        #expect(bytes.count > 10_000)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func workedExampleChartShowsTheWindowAndRates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("worked.html")
        let run = try opapm([
            "check", "samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", "--year", "2019",
            "--format", "html", "--output", report.path,
        ])
        #expect(run.status == 1)
        let dom = try chromium(["--dump-dom", report.absoluteString]).stdout
        #expect(dom.contains("data-determination=\"not-approved\""))
        #expect(dom.contains("class=\"criterion fail\" data-rule=\"FR004\""))
        #expect(dom.contains("lowest marginal risk 25%, needs 30%"))
        #expect(dom.contains("average 34.375% · lowest 25%"))
        for part in ["class=\"small-loss\"", "class=\"window\"", "class=\"large-loss\"", "class=\"reference\"", "large losses beyond 10.4%", "30% reference"] {
            #expect(dom.contains(part), "\(part)")
        }
        // Rule links point inside the page, where each rule is explained.
        #expect(dom.contains("href=\"#rule-FR004\"") && dom.contains("id=\"rule-FR004\""))
        #expect(!dom.contains("src=\"http"))
        #expect(!dom.contains("href=\"http"))
    }
}
