/// Escaping for the formats the reports write (HTML, Markdown): single ASCII characters replaced by
/// strings, byte by byte on UTF-8. An ASCII byte is never part of a multi-byte character, so this is
/// exact; and text with nothing to replace, which is most of it, comes back without a copy. Foundation's
/// `replacingOccurrences` cost more per published row than checking the submission did.
enum ASCIIReplacement {
    static func replacing(in text: String, _ replacement: (UInt8) -> String?) -> String {
        var text = text
        let replaced: String? = text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x80 && replacement($0) != nil }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            append(bytes, to: &out, replacement)
            return String(decoding: out, as: UTF8.self)
        }
        return replaced ?? text
    }

    /// Appends `source` to `out` with each ASCII byte that `replacement` names replaced, the runs
    /// between copied as they are: the loop `replacing` and the list writers' `ReportText` share.
    static func append(_ source: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], _ replacement: (UInt8) -> String?) {
        var start = 0
        for index in source.indices where source[index] < 0x80 {
            guard let substitute = replacement(source[index]) else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
            out.append(contentsOf: substitute.utf8)
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...]))
    }
}
