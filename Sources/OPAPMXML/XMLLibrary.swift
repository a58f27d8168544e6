import CLibXML2
import Foundation

/// libxml2's global set-up, done once before any thread parses. After it one compiled schema
/// may be shared across threads, each with its own validation context.
enum XMLLibrary {
    private static let initialized: Bool = {
        xmlInitParser()
        xmlSchemaInitTypes()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// One line of text for a libxml2 error, without the newline libxml2 appends.
    package static func message(of error: xmlErrorPtr) -> String {
        guard let text = error.pointee.message else { return "unknown XML error" }
        let lines = String(cString: text).split(whereSeparator: \.isNewline)
        return lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
