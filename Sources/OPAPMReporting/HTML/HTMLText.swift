import Foundation
import OPAPMCore

/// Escaping for HTML text and attribute values: every character that could end a text run or an attribute.
public enum HTMLText {
    /// Made safe to show first (`DisplayText`: no bidirectional override can disguise a name).
    public static func escape(_ text: String) -> String {
        ASCIIReplacement.replacing(in: DisplayText.safe(text), replacement)
    }

    static func replacement(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }

    /// A number for SVG coordinates (display only), with at most two decimals.
    static func coordinate(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}

extension Exact {
    var double: Double { doubleValue }
}
