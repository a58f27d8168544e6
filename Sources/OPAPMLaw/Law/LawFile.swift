import Foundation
import OPAPMFiles
import OPAPMModel

/// Where a value of the law comes from (shared/domain/README.md): the CFR text for the year read in a
/// snapshot, a CMS form or page or a reported statute, the nearest earlier text where none was found
/// for the year, or a choice the text leaves, stated.
public enum Provenance: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case codified, secondary, unverified, interpretation

    /// Codified first, then the weaker kinds: a decision rests on its weakest value.
    private var rank: Int {
        switch self {
        case .codified: return 0
        case .secondary: return 1
        case .unverified: return 2
        case .interpretation: return 3
        }
    }

    public static func < (a: Provenance, b: Provenance) -> Bool { a.rank < b.rank }
}

/// A value as the law file writes it: numbers are decimal strings, so they stay exact.
public enum LawValue: Sendable, Hashable, Codable {
    case text(String)
    case flag(Bool)
    case list([String])
    case none

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .none
        } else if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .list(try container.decode([String].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .flag(let flag): try container.encode(flag)
        case .list(let list): try container.encode(list)
        case .none: try container.encodeNil()
        }
    }

    /// As the law table shows it.
    public var shown: String {
        switch self {
        case .text(let text): return text
        case .flag(let flag): return flag ? "yes" : "no"
        case .list(let list): return list.isEmpty ? "none" : list.joined(separator: ", ")
        case .none: return "does not apply"
        }
    }
}

/// One value of the law for a run of performance years, with where it was read.
public struct LawEntry: Sendable, Hashable, Codable {
    public var key: String
    public var from: Int
    /// The last year it governs; nil: through the file's last year.
    public var to: Int?
    public var value: LawValue
    public var paragraph: String
    public var amendment: String
    public var provenance: Provenance
    public var snapshot: String?
    public var note: String?

    /// `42 CFR 414.1420(b), 83 FR 60090 (delayed part)`: what a report cites.
    public var citation: String { "\(paragraph), \(amendment)" }

    public func governs(_ year: Int, lastYear: Int) -> Bool { year >= from && year <= (to ?? lastYear) }

    /// The years as the table shows them: `2019`, `2020–2022`, `2023+`.
    public func years(lastYear: Int) -> String {
        guard let to else { return "\(from)+" }
        return from == to ? "\(from)" : "\(from)–\(to)"
    }

    enum CodingKeys: String, CodingKey {
        case key, from, to, value, paragraph, amendment, provenance, snapshot, note
    }

    public init(key: String, from: Int, to: Int?, value: LawValue, paragraph: String, amendment: String,
        provenance: Provenance, snapshot: String?, note: String?)
    {
        self.key = key
        self.from = from
        self.to = to
        self.value = value
        self.paragraph = paragraph
        self.amendment = amendment
        self.provenance = provenance
        self.snapshot = snapshot
        self.note = note
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        from = try container.decode(Int.self, forKey: .from)
        to = try container.decodeIfPresent(Int.self, forKey: .to)
        // A missing value is an error, not null: `value` must be written, null where the rule does not apply.
        guard container.contains(.value) else {
            throw DecodingError.keyNotFound(CodingKeys.value, .init(codingPath: container.codingPath, debugDescription: ""))
        }
        value = try container.decode(LawValue.self, forKey: .value)
        paragraph = try container.decode(String.self, forKey: .paragraph)
        amendment = try container.decode(String.self, forKey: .amendment)
        provenance = try container.decode(Provenance.self, forKey: .provenance)
        snapshot = try container.decodeIfPresent(String.self, forKey: .snapshot)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}

/// The law file as written (`law/opapm-law.json`, schema `schemas/law.schema.json`).
public struct LawDocument: Sendable, Hashable, Codable {
    public var format: String
    public var title: String
    public var reviewed: String
    public var sources: String?
    public var firstYear: Int
    public var lastYear: Int
    public var entries: [LawEntry]
}
