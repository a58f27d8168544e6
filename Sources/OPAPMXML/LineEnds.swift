#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// XML 1.0 §2.11 end-of-line handling done before libxml2 sees the bytes: CR LF and a lone CR both
/// become LF. libxml2 counts lines by LF alone, so a file with CR-only line ends (classic Mac, some
/// exports) had every diagnostic on line 1; the document's content is the same either way, as the
/// specification normalizes line ends before parsing.
///
/// Only for ASCII-compatible encodings: in UTF-16 or UTF-32 a 0x0D byte can be half of another character.
struct LineEnds {
    /// Whether the previous chunk ended with a CR (its LF, if any, opens this chunk).
    private var pendingCR = false
    private var decided = false
    private var applies = true

    /// Rewrites `buffer[0..<count]` in place; returns the new count.
    mutating func normalize(_ buffer: UnsafeMutableBufferPointer<UInt8>, count: Int) -> Int {
        if !decided {
            decided = true
            // A byte-order mark of UTF-16 or UTF-32, or a NUL in the first two bytes: not ASCII-compatible.
            if count >= 2 && (buffer[0] == 0xFE || buffer[0] == 0xFF || buffer[0] == 0x00 || buffer[1] == 0x00) { applies = false }
        }
        guard applies, count > 0 else { return count }
        var read = 0
        if pendingCR && buffer[0] == 0x0A { read = 1 }
        pendingCR = false
        // memchr: a chunk is 256 KiB and almost never holds a CR, so the scan is the whole cost.
        guard let base = buffer.baseAddress,
            let hit = memchr(base + read, 0x0D, count - read)
        else {
            if read == 0 { return count }
            for index in 1..<count { buffer[index - 1] = buffer[index] }
            return count - 1
        }
        let first = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        var write = 0
        if read > 0 {
            for index in read..<first { buffer[index - read] = buffer[index] }
            write = first - read
        } else {
            write = first
        }
        read = first
        while read < count {
            let byte = buffer[read]
            if byte == 0x0D {
                buffer[write] = 0x0A
                if read + 1 < count {
                    if buffer[read + 1] == 0x0A { read += 1 }
                } else {
                    pendingCR = true
                }
            } else {
                buffer[write] = byte
            }
            write += 1
            read += 1
        }
        return write
    }
}
