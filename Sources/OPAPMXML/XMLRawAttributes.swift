import CLibXML2
import Foundation

/// The attributes of one element as libxml2 holds them: names and values as `XMLBytes`, valid only during
/// the call that receives them. No Swift string is made for an attribute until one is asked for: for
/// elements that come by the million (roster entries) that would cost more than parsing them.
public struct XMLRawAttributes {
    /// libxml2's SAX2 layout: five pointers per attribute (local name, prefix, URI, value start, value end).
    private let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    public let count: Int

    init(base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        self.base = base
        self.count = count
    }

    /// The local name of the attribute at `index` (0 up to `count`).
    public func name(at index: Int) -> XMLBytes {
        guard let base, let local = base[index * 5] else { return .empty }
        return XMLBytes(utf8Bytes(of: local))
    }

    /// The value of the attribute at `index` (0 up to `count`).
    public func value(at index: Int) -> XMLBytes {
        guard let base, let begin = base[index * 5 + 3], let end = base[index * 5 + 4] else { return .empty }
        return XMLBytes(UnsafeBufferPointer(start: begin, count: end - begin))
    }

    /// The value of the attribute with this local name, or nil when absent.
    public subscript(_ name: StaticString) -> XMLBytes? {
        guard let base else { return nil }
        for index in 0..<count {
            guard let local = base[index * 5], let begin = base[index * 5 + 3], let end = base[index * 5 + 4]
            else { continue }
            if xmlStrEqual(local, name.utf8Start) != 0 {
                return XMLBytes(UnsafeBufferPointer(start: begin, count: end - begin))
            }
        }
        return nil
    }

    /// The attribute as xs:boolean (`true`/`1` or `false`/`0`); nil when absent.
    public func bool(_ name: StaticString) -> Bool? { self[name].map(\.isXMLTrue) }

    /// The attribute's decimal digits as a number (at most `maxDigits` of them); nil when absent or not digits.
    public func unsignedInteger(_ name: StaticString, maxDigits: Int) -> UInt64? { self[name]?.digits(maxCount: maxDigits) }
}

/// A NUL-terminated name from libxml2 as its UTF-8 bytes, without making a string of it.
func utf8Bytes(of name: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: name, count: Int(strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))))
}
