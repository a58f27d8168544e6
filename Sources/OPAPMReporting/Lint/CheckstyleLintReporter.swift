import OPAPMCore
import OPAPMXML

/// checkstyle XML, read by reviewdog and many CI tools.
public struct CheckstyleLintReporter: LintReporter {
    public static let name = "checkstyle"
    public init() {}

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "info"
        }
    }

    public func render(_ report: LintReport) throws -> String {
        let report = report.forDisplay
        let xml = try XMLDocumentWriter()
        xml.start("checkstyle", ["version": "4.3"])
        for file in report.files {
            xml.start("file", ["name": file])
            for finding in report.findings(in: file) {
                xml.start("error", [
                    "line": "\(finding.line)", "column": "\(finding.column)", "severity": Self.severity(finding.severity),
                    "message": "[\(finding.rule)] \(finding.message)", "source": "opapm.\(finding.rule)",
                ])
                xml.end()
            }
            xml.end()
        }
        xml.end()
        return try xml.finish()
    }
}
