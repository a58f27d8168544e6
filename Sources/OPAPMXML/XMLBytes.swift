/// Text as libxml2 holds it, as UTF-8 bytes valid only during the call that hands it over: a name, a
/// piece of text, an attribute's value. A handler asks typed questions of it (`equals`, `isXMLTrue`,
/// `digits`) or copies it (`string`); no pointer leaves this module, and no Swift string is made for
/// what nobody asks for (one per element cost more than libxml2 took to parse it).
public struct XMLBytes {
    @usableFromInline let buffer: UnsafeBufferPointer<UInt8>

    @usableFromInline init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    static var empty: XMLBytes { XMLBytes(UnsafeBufferPointer(start: nil, count: 0)) }

    @inlinable public var count: Int { buffer.count }
    @inlinable public var isEmpty: Bool { buffer.isEmpty }

    /// A copy, as a string (invalid UTF-8 repaired, as libxml2 has already checked the encoding).
    public var string: String { String(decoding: buffer, as: UTF8.self) }

    /// Whether the bytes are exactly `text`.
    @inlinable public func equals(_ text: StaticString) -> Bool {
        buffer.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// xs:boolean true: `true` or `1`, with the white space xs:boolean allows around it (libxml2 leaves
    /// it in a raw attribute value).
    @inlinable public var isXMLTrue: Bool {
        var start = buffer.startIndex
        var end = buffer.endIndex
        while start < end && Self.isSpace(buffer[start]) { start += 1 }
        while end > start && Self.isSpace(buffer[end - 1]) { end -= 1 }
        let value = UnsafeBufferPointer(rebasing: buffer[start..<end])
        return value.elementsEqual("true".utf8) || value.elementsEqual("1".utf8)
    }

    /// The decimal digits as a number; nil unless all digits and at most `maxCount` of them.
    @inlinable public func digits(maxCount: Int) -> UInt64? {
        guard !buffer.isEmpty, buffer.count <= maxCount, maxCount <= 19 else { return nil }
        var value: UInt64 = 0
        for byte in buffer {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value &* 10 &+ UInt64(byte &- 0x30)
        }
        return value
    }

    @inlinable static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// XML white space: space, tab, line feed, carriage return.
    public static func isSpaceByte(_ byte: UInt8) -> Bool { isSpace(byte) }
}
