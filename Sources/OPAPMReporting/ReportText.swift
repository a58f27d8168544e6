/// A report or list document written as UTF-8 bytes into one buffer sized for it (UTF-8 throughout:
/// only whole strings and ASCII are appended). Appending a string's bytes is a copy and no more;
/// appending to a `String` checked its capacity, its uniqueness and whether it was still ASCII each
/// time, some 300 instructions a piece, and the text formats append some thirty pieces a row.
struct ReportText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends `text` with each ASCII byte that `replacement` names replaced (`ASCIIReplacement`).
    mutating func append(_ text: String, replacing replacement: (UInt8) -> String?) {
        var text = text
        text.withUTF8 { ASCIIReplacement.append($0, to: &bytes, replacement) }
    }

    static func += (text: inout ReportText, piece: String) {
        text.append(piece)
    }

    /// The text as a string, its bytes checked as UTF-8 once.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
