/// Text from a submission or a file name made safe to show: every character that would act rather than
/// show — C0 and C1 controls (terminal escapes, line breaks inside a field), DEL, bidirectional
/// overrides and isolates (which make `txt.exe` of `exe.txt`), zero-width and other invisible
/// characters — is replaced by its visible code, `<U+202E>`. Every human-readable output goes through
/// this; JSON and SARIF locations keep the exact value, escaped by their own encoders.
public enum DisplayText {
    public static func safe(_ text: String) -> String {
        // Most text is printable ASCII, or has no lead byte that could begin a replaced character:
        // then it comes back without a copy.
        guard text.utf8.contains(where: mayStartReplaced) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isReplaced(scalar) {
                out += code(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `file:line:column` in the compiler's shape, leaving out what is unknown (0): `file:12`, `file`.
    /// The file is made safe to show.
    public static func location(_ file: String, line: Int, column: Int) -> String {
        var text = safe(file)
        if line > 0 {
            text += ":" + String(line)
            if column > 0 { text += ":" + String(column) }
        }
        return text
    }

    /// Whether `scalar` is shown as its code.
    public static func isReplaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional controls
        case 0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F: return true  // invisible
        case 0x200B...0x200D, 0x2028, 0x2029, 0x2060...0x2064, 0x206A...0x206F, 0x3164, 0xFEFF, 0xFFA0: return true
        case 0xFFF9...0xFFFB, 0xE0000...0xE007F: return true  // interlinear annotation, tags
        default: return false
        }
    }

    /// `<U+XXXX>`, at least four hexadecimal digits.
    public static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// A UTF-8 byte that is a replaced character or may begin one (lead bytes of the ranges above).
    @inline(__always)
    static func mayStartReplaced(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x1F, 0x7F: return true
        case 0xC2, 0xCD, 0xD8, 0xE1, 0xE2, 0xE3, 0xEF, 0xF3: return true
        default: return false
        }
    }
}
