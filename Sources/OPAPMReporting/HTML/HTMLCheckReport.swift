import Foundation
import OPAPMCore

/// One self-contained page (no external assets) for reviewers and payers: for each arrangement and
/// year, the determination first, then every criterion with its status, figures, gap and citation,
/// the risk chart for the general standards, and the checklist for medical homes.
public enum HTMLCheckReport {
    /// `docsBase` prefixes links to rule explanations: by default `#rule-`, the explanations inside the page
    /// (a relative path to docs/rules broke once the report was opened elsewhere).
    public static func render(_ files: [FileDetermination], docsBase: String = "#rule-") -> String {
        var page = ""
        write(files, docsBase: docsBase, jobs: 1) { page += $0 }
        return page
    }

    /// Files rendered and handed to `sink` this many at a time: the page of a large batch is hundreds of
    /// megabytes, so it is written as it is made and never held whole.
    static let filesPerPart = 256

    /// The page in parts, in order: the header, each group of files' sections (rendered on `jobs`
    /// threads), the end. The bytes do not depend on the number of threads.
    public static func write(_ files: [FileDetermination], docsBase: String = "#rule-", jobs: Int?,
        to sink: (String) -> Void)
    {
        // The same counts as the text report's summary, invalid and unreadable files included.
        let summary = CheckTextReport.summary(files).trimmingCharacters(in: .newlines)
        sink(HTMLPage.opening(title: "opapm determination report", style: style))
        sink("""
            <header><h1>Other Payer Advanced APM determinations</h1>
            <p class="summary">\(HTMLText.escape(summary)) · 42 CFR 414.1420</p></header>
            <main>

            """)
        sink(overview(files))
        var start = 0
        while start < files.count {
            let part = Array(start..<min(start + filesPerPart, files.count))
            sink(part.parallelMap(jobs: jobs) { section(files[$0], index: $0, docsBase: docsBase) }.joined())
            start += filesPerPart
        }
        sink(ruleExplanations())
        sink("</main>\n")
        sink(HTMLPage.closing(script: nil))
    }

    /// More files than this make one page too large for a browser (20,000 files were 222 MB that Chromium
    /// could not render in three minutes): the report is then written as a directory (`writeDirectory`).
    public static let singlePageLimit = 5_000

    /// The names of a directory report's files: the index, the rule explanations, one page per file.
    public static func directoryNames(fileCount: Int) -> [String] {
        ["index.html", "rules.html"] + (0..<fileCount).map(pageName)
    }

    static func pageName(_ index: Int) -> String {
        let number = String(index + 1)
        return "file-" + String(repeating: "0", count: max(0, 5 - number.count)) + number + ".html"
    }

    /// The directory report at `output`, replacing as a whole only a directory opapm wrote (as a
    /// published list is): every page, or nothing. Returns a warning from the replacement, if any.
    public static func replaceDirectory(_ files: [FileDetermination], at output: String, jobs: Int?) throws(WriteFailure) -> String? {
        let out = output.count > 1 && output.hasSuffix("/") ? String(output.dropLast()) : output
        let replacement = try ListDirectory(out, files: directoryNames(fileCount: files.count))
        if let failure = writeDirectory(files, jobs: jobs, write: { name, page in
            replacement.write(Array(page.utf8), named: name)
        }) {
            replacement.discard()
            throw WriteFailure(failure)
        }
        return try replacement.commit()
    }

    /// The report as a directory: `index.html` (the totals and the overview, each row linking to its
    /// page), `rules.html` (every rule and finding explained) and one page per file, each small enough to
    /// open at once. Pages are made `filesPerPart` at a time on `jobs` threads and handed to `write` by
    /// name in order; the bytes do not depend on the number of threads. Returns the first write failure.
    public static func writeDirectory(_ files: [FileDetermination], jobs: Int?, write: (String, String) -> String?) -> String? {
        let summary = CheckTextReport.summary(files).trimmingCharacters(in: .newlines)
        var index = HTMLPage.opening(title: "opapm determination report", style: style)
        index += """
            <header><h1>Other Payer Advanced APM determinations</h1>
            <p class="summary">\(HTMLText.escape(summary)) · 42 CFR 414.1420 · <a href="rules.html">the criteria and findings</a></p></header>
            <main>

            """
        index += overview(files, pageOf: pageName)
        index += "</main>\n" + HTMLPage.closing(script: nil)
        if let failure = write("index.html", index) { return failure }
        let rules = HTMLPage.opening(title: "opapm: the criteria and findings", style: style)
            + "<main>\n" + ruleExplanations() + "</main>\n" + HTMLPage.closing(script: nil)
        if let failure = write("rules.html", rules) { return failure }
        var start = 0
        while start < files.count {
            let part = Array(start..<min(start + filesPerPart, files.count))
            let pages = part.parallelMap(jobs: jobs) { position in
                var page = HTMLPage.opening(title: "opapm: \(files[position].path)", style: style)
                page += "<header><h1>Other Payer Advanced APM determinations</h1>\n"
                page += "<p class=\"summary\"><a href=\"index.html\">all files</a> · <a href=\"rules.html\">the criteria and findings</a></p></header>\n<main>\n"
                page += section(files[position], index: position, docsBase: "rules.html#rule-")
                page += "</main>\n" + HTMLPage.closing(script: nil)
                return page
            }
            for (offset, page) in pages.enumerated() {
                if let failure = write(pageName(part[offset]), page) { return failure }
            }
            start += filesPerPart
        }
        return nil
    }

    static func section(_ file: FileDetermination, index fileIndex: Int, docsBase: String) -> String {
        var body = "<section class=\"file\" id=\"f\(fileIndex)\">\n<h2>\(HTMLText.escape(file.path))</h2>\n"
        if !file.findings.isEmpty {
            body += "<p class=\"determination invalid\">File not read as a submission</p>\n<ul class=\"findings\">\n"
            for finding in file.findings { body += findingItem(finding, docsBase: docsBase) }
            body += "</ul>\n"
        }
        for (index, arrangement) in file.arrangements.enumerated() {
            body += arrangementSection(
                arrangement, medicalHome: file.summary?.medicalHome, id: "a\(fileIndex)-\(index)", docsBase: docsBase)
        }
        body += "</section>\n"
        return body
    }

    static func arrangementSection(_ arrangement: ArrangementDetermination, medicalHome: MedicalHomeChecklist?, id: String,
        docsBase: String) -> String
    {
        let label = arrangement.determination.rawValue
        var html = "<article class=\"arrangement\" id=\"\(id)\">\n"
        html += "<h3>\(HTMLText.escape(arrangement.name)) <small>(\(HTMLText.escape(arrangement.id)), PY\(arrangement.performanceYear))</small></h3>\n"
        html += "<p class=\"determination \(label)\" data-determination=\"\(label)\">\(label.uppercased())</p>\n"
        if let route = arrangement.figures.route {
            html += "<p>Financial risk judged by the <strong>\(HTMLText.escape(route.rawValue))</strong> route"
            if let provenance = arrangement.figures.provenance?["route"] {
                html += " <span class=\"provenance \(provenance.rawValue)\">(\(provenance.rawValue))</span>"
            }
            html += ".</p>\n"
        }
        html += criteriaTable(arrangement, docsBase: docsBase)
        if let chart = RiskChart(figures: arrangement.figures) {
            html += "<h4>Marginal risk</h4>\n<figure>\n" + chart.render(id: "\(id)-chart")
            html += "<figcaption>\(HTMLText.escape(riskCaption(arrangement.figures)))</figcaption>\n</figure>\n"
            html += chart.table(caption: "Liability curve points (percent of expected expenditures)")
        }
        if arrangement.figures.route == .medicalHome, let home = medicalHome {
            html += medicalHomeChecklist(home, figures: arrangement.figures)
        }
        html += lawTable(arrangement)
        return html + "</article>\n"
    }

    /// The law of the year, folded: every value with its provenance and source, the values that are not
    /// codified counted in the summary line so that a reader sees at once how firm the ground is.
    static func lawTable(_ arrangement: ArrangementDetermination) -> String {
        guard !arrangement.parameters.isEmpty else { return "" }
        let weaker = arrangement.parameters.filter { $0.provenance != .codified }
        var html = "<details class=\"law\"><summary>The law for PY\(arrangement.performanceYear): "
        html += weaker.isEmpty ? "every value codified" : "\(weaker.count) of \(arrangement.parameters.count) values not codified ("
            + weaker.map { "\(HTMLText.escape($0.name)): \($0.provenance.rawValue)" }.joined(separator: ", ") + ")"
        html += "</summary>\n<table><thead><tr><th>value</th><th>in force</th><th>provenance</th><th>source</th></tr></thead><tbody>\n"
        for row in arrangement.parameters {
            html += "<tr class=\"\(row.provenance.rawValue)\"><td>\(HTMLText.escape(row.name))</td><td>\(HTMLText.escape(row.value))</td>"
            html += "<td>\(row.provenance.rawValue)</td><td>\(HTMLText.escape(row.source))</td></tr>\n"
        }
        return html + "</tbody></table>\n</details>\n"
    }

    static func riskCaption(_ figures: Figures) -> String {
        var text = "Total risk "
        text += figures.totalRiskUnbounded == true ? "unbounded" : "\(figures.totalRiskPercent?.percentText ?? "?") of expected expenditures"
        text += "; requirement \(figures.totalRiskRequirementPercent?.percentText ?? "?"). "
        text += "Window \(figures.marginalWindowStartPercent?.percentText ?? "?")–\(figures.marginalWindowEndPercent?.percentText ?? "?"): "
        text += "average \(figures.averageMarginalRiskPercent?.percentText ?? "?"), lowest \(figures.lowestMarginalRiskPercent?.percentText ?? "?")"
        if let method = figures.marginalRiskMethod {
            text += " (the \(method.rawValue) rate is compared with \(figures.marginalRiskMinimumPercent?.percentText ?? "?")"
            if let provenance = figures.provenance?["marginalRiskMinimumPercent"] { text += ", \(provenance.rawValue)" }
            text += ")"
        }
        if let average = figures.averageMarginalRiskFromZeroPercent, let end = figures.marginalWindowEndPercent {
            text += "; over 0–\(end.percentText), average \(average.percentText)"
            if let provenance = figures.provenance?["averageMarginalRiskFromZeroPercent"] { text += " (\(provenance.rawValue))" }
        }
        if let plain = figures.averageMarginalRiskWithoutAllowancesPercent { text += "; without the allowances \(plain.percentText)" }
        return text + "."
    }

    /// Every rule with its status for this arrangement: the failed, incomplete, warned and noted criteria
    /// first, in a table of their own; the passed and not applicable ones folded away below.
    static func criteriaTable(_ arrangement: ArrangementDetermination, docsBase: String) -> String {
        let head = "<table class=\"criteria\"><thead><tr><th scope=\"col\">criterion</th><th scope=\"col\">result</th>"
            + "<th scope=\"col\">finding</th><th scope=\"col\">citation</th><th scope=\"col\">law used</th></tr></thead><tbody>\n"
        let rows = Dictionary(arrangement.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var attention = ""
        var passed = ""
        var passedCount = 0
        for rule in RuleRegistry.all.map(\.description) {
            let findings = arrangement.findings.filter { $0.rule == rule.id }
            let status: String
            if let worst = findings.map(\.severity).max() {
                switch worst {
                case .error: status = findings.allSatisfy(\.incomplete) ? "incomplete" : "fail"
                case .warning: status = "warning"
                case .note: status = "note"
                }
            } else if let route = rule.route, route != arrangement.figures.route {
                status = "not applicable"
            } else {
                status = "pass"
            }
            let link = "<a href=\"\(HTMLText.escape(docsBase + rule.id))\">\(rule.id)</a>"
            var messages = findings.map { finding in
                var text = HTMLText.escape(finding.message)
                if let help = finding.help { text += "<br><span class=\"help\">\(HTMLText.escape(help))</span>" }
                return text
            }.joined(separator: "<hr>")
            // What would pass: the smallest single change, verified by deciding the changed arrangement.
            for remedy in (arrangement.wouldPass ?? []) where remedy.rule == rule.id {
                messages += "<br><span class=\"would-pass\">Would pass: \(HTMLText.escape(remedy.change))</span>"
            }
            var row = "<tr class=\"criterion \(status.replacingOccurrences(of: " ", with: "-"))\" data-rule=\"\(rule.id)\">"
            row += "<td>\(link) \(HTMLText.escape(rule.title))</td><td class=\"status\">\(status)</td>"
            // The values of the year's law the rule decided by, each with its provenance: a pass rests on them too.
            let law = rule.law.compactMap { rows[$0.rawValue] }.map { row in
                "\(HTMLText.escape(row.name)) \(HTMLText.escape(row.value)) <span class=\"provenance \(row.provenance.rawValue)\">(\(row.provenance.rawValue))</span>"
            }.joined(separator: "<br>")
            row += "<td>\(messages)</td><td>\(HTMLText.escape(findings.first?.citation ?? rule.citation))</td><td class=\"law-used\">\(law)</td></tr>\n"
            if status == "pass" || status == "not applicable" {
                passed += row
                passedCount += 1
            } else {
                attention += row
            }
        }
        var html = attention.isEmpty ? "" : head + attention + "</tbody></table>\n"
        if !passed.isEmpty {
            html += "<details class=\"passed\"><summary>\(passedCount) criteria passed or not applicable</summary>\n"
            html += head + passed + "</tbody></table>\n</details>\n"
        }
        return html
    }

    /// Each rule's explanation, inside the page, so that its links work wherever the report is opened.
    static func ruleExplanations() -> String {
        var html = "<section class=\"rules\" id=\"rules\">\n<h2>The criteria and findings</h2>\n"
        for entry in FindingCatalogue.all {
            html += "<div class=\"rule\" id=\"rule-\(entry.id)\"><h3>\(entry.id): \(HTMLText.escape(entry.title))</h3>\n"
            html += "<p>\(HTMLText.escape(entry.summary))</p>\n<p class=\"help\">How to fix: \(HTMLText.escape(entry.help)). "
            html += "Citation: \(HTMLText.escape(entry.citation)).</p></div>\n"
        }
        return html + "</section>\n"
    }

    /// The overview: every arrangement and year with its determination and the criteria it did not meet,
    /// each linking to its section; files not read as submissions too.
    static func overview(_ files: [FileDetermination], pageOf: ((Int) -> String)? = nil) -> String {
        var html = "<section class=\"overview\"><h2>Overview</h2>\n<table class=\"overview\"><thead><tr>"
        html += "<th scope=\"col\">file</th><th scope=\"col\">arrangement</th><th scope=\"col\">PY</th>"
        html += "<th scope=\"col\">determination</th><th scope=\"col\">criteria not met</th></tr></thead><tbody>\n"
        for (fileIndex, file) in files.enumerated() {
            let path = HTMLText.escape(file.path)
            if file.arrangements.isEmpty {
                let ids = Array(Set(file.findings.map(\.rule))).sorted().joined(separator: " ")
                let page = pageOf?(fileIndex) ?? ""
                html += "<tr data-determination-row=\"invalid\"><td><a href=\"\(page)#f\(fileIndex)\">\(path)</a></td><td>—</td><td>—</td>"
                html += "<td class=\"status\">\(file.unreadable ? "unreadable" : "invalid")</td><td>\(HTMLText.escape(ids))</td></tr>\n"
                continue
            }
            for (index, arrangement) in file.arrangements.enumerated() {
                let failed = Array(Set(arrangement.findings.filter { $0.severity == .error }.map(\.rule))).sorted()
                    .map { "<a href=\"\(pageOf == nil ? "" : "rules.html")#rule-\($0)\">\($0)</a>" }.joined(separator: " ")
                let label = arrangement.determination.rawValue
                html += "<tr data-determination-row=\"\(label)\"><td><a href=\"\(pageOf?(fileIndex) ?? "")#a\(fileIndex)-\(index)\">\(path)</a></td>"
                html += "<td>\(HTMLText.escape(arrangement.id))</td><td>\(arrangement.performanceYear)</td>"
                html += "<td class=\"status\">\(label)</td><td>\(failed)</td></tr>\n"
            }
        }
        return html + "</tbody></table>\n</section>\n"
    }

    static func medicalHomeChecklist(_ home: MedicalHomeChecklist, figures: Figures) -> String {
        func item(_ label: String, _ met: Bool) -> String {
            "<li class=\"\(met ? "met" : "unmet")\">\(met ? "✔" : "✘") \(HTMLText.escape(label))</li>\n"
        }
        var html = "<h4>Medical-home characteristics</h4>\n<ul class=\"checklist\">\n"
        html += item("primary care practices participate", home.primaryCare)
        html += item("each patient empanelled to a primary clinician", home.empanelment)
        for element in MedicalHomeElement.allCases {
            html += item(element.rawValue.replacingOccurrences(of: "-", with: " "), home.elements[element] == true)
        }
        html += "</ul>\n<p>\(home.elementsMet.count) of the 7 elements met; at least \(figures.medicalHomeElementsMinimum ?? 4) are needed"
        html += provenanceNote(figures, "medicalHomeElementsMinimum")
        html += ", besides primary care practices and empanelment, which are both required.</p>\n"
        if let share = figures.medicalHomeAmountAtRiskPercent, let minimum = figures.medicalHomeMinimumPercent {
            html += "<p class=\"amount-at-risk\">Amount at risk: \(HTMLText.escape(share.percentText)) of average estimated total revenue; the year's minimum is \(HTMLText.escape(minimum.percentText))\(provenanceNote(figures, "medicalHomeMinimumPercent")).</p>\n"
        }
        return html
    }

    /// `, codified`: how firm the law value behind a figure is, when the figures carry it.
    static func provenanceNote(_ figures: Figures, _ name: String) -> String {
        guard let provenance = figures.provenance?[name] else { return "" }
        return ", <span class=\"provenance \(provenance.rawValue)\">\(provenance.rawValue)</span>"
    }

    static func findingItem(_ finding: Finding, docsBase: String) -> String {
        "<li><a href=\"\(HTMLText.escape(docsBase + finding.rule))\">\(HTMLText.escape(finding.rule))</a> line \(finding.line): \(HTMLText.escape(finding.message))</li>\n"
    }

    static let style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#111;background:#fafafa;overflow-wrap:anywhere}
        header{background:#1e3a8a;color:#fff;padding:1rem 1.25rem}header h1{margin:0;font-size:1.3rem}
        main{padding:0 1rem;max-width:1100px;margin:auto}section.file{margin:1.5rem 0}
        h2{font-size:1rem;word-break:break-all}article{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}
        .determination{display:inline-block;font-weight:700;padding:.3rem .8rem;border-radius:999px;color:#fff}
        .approved{background:#15803d}.not-approved{background:#b91c1c}.incomplete{background:#b45309}.invalid{background:#6b7280}
        table{border-collapse:collapse;width:100%;margin:.75rem 0;font-size:.9rem}
        th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
        td.status,table.criteria th:nth-child(2){white-space:nowrap}.would-pass{color:#15803d;font-weight:600}
        tr[data-determination-row=approved] td.status{color:#15803d;font-weight:700}tr[data-determination-row=not-approved] td.status{color:#b91c1c;font-weight:700}
        tr[data-determination-row=incomplete] td.status{color:#b45309;font-weight:700}tr[data-determination-row=invalid] td.status{color:#6b7280;font-weight:700}details.passed>summary{cursor:pointer;color:#15803d;margin:.5rem 0}
        .rules .rule{font-size:.85rem;border-top:1px solid #eee;padding:.25rem 0}.rules h3{font-size:.95rem;margin:.4rem 0}
        tr.fail td.status{color:#b91c1c;font-weight:700}tr.pass td.status{color:#15803d}
        tr.warning td.status,tr.incomplete td.status{color:#b45309;font-weight:700}tr.not-applicable td{color:#888}
        .help{color:#555;font-size:.85rem}svg.risk-chart{width:100%;height:auto;max-width:680px;background:#fff}
        .checklist{list-style:none;padding-left:0}.met{color:#15803d}.unmet{color:#b91c1c}
        .law{font-size:.85rem;color:#333}.law tr.secondary td:nth-child(3),.law tr.unverified td:nth-child(3),.law tr.interpretation td:nth-child(3){color:#b45309;font-weight:700}
        .provenance.secondary,.provenance.unverified,.provenance.interpretation{color:#b45309;font-weight:700}td.law-used{font-size:.8rem}
        @media (max-width:640px){table{font-size:.8rem}th:nth-child(4),td:nth-child(4){display:none}}
        """
}
