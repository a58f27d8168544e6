import Foundation
import OPAPMEngine
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

/// The public list of arrangements determined to be Other Payer Advanced APMs for one performance year.
/// Its JSON is also what `check --approved` and `qp --approved` read (`ApprovedList` keys are a subset).
public struct PublishedList: Sendable, Hashable, Codable {
    public var performanceYear: Int
    /// Only with `--as-of`: the list is otherwise free of dates so that reruns give the same bytes.
    public var asOf: String?
    public var arrangements: [PublishedRow]
    /// Files left out with `--skip-invalid`, and schema-invalid submissions, with the reason.
    public var skipped: [SkippedFile]

    public init(performanceYear: Int, asOf: String?, arrangements: [PublishedRow], skipped: [SkippedFile]) {
        self.performanceYear = performanceYear
        self.asOf = asOf
        self.arrangements = arrangements
        self.skipped = skipped
    }

    /// The synthesized keys and shape. Each row goes to JSONEncoder as a position in the list, not as a
    /// copy: the encoder tries several casts on a value it does not know, each on a copy of the value,
    /// and a row's copy retained all its strings. Decoding stays synthesized.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(performanceYear, forKey: .performanceYear)
        try container.encodeIfPresent(asOf, forKey: .asOf)
        var rows = container.nestedUnkeyedContainer(forKey: .arrangements)
        for index in arrangements.indices {
            try rows.encode(RowAt(rows: arrangements, index: index))
        }
        try container.encode(skipped, forKey: .skipped)
    }

    /// A row by position, cheap to copy.
    private struct RowAt: Encodable {
        let rows: [PublishedRow]
        let index: Int

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: PublishedRow.CodingKeys.self)
            try rows[index].encode(into: &container)
        }
    }

    public static func load(path: String) throws(JSONFile.Failure) -> PublishedList {
        try JSONFile.decode(PublishedList.self, path: path, what: "an approved list written by opapm publish")
    }
}

/// One approved arrangement, with the columns the list publishes.
public struct PublishedRow: Sendable, Hashable, Codable {
    public var group: PayerGroup
    public var payerName: String
    public var payerType: String
    public var arrangementId: String
    public var arrangementName: String
    public var states: [String]
    /// Title XIX: the counties (FIPS) where the arrangement is available, when the submission names them;
    /// absent, it is available statewide. `opapm qp` applies the county rule from it (414.1440(a)(2)).
    public var counties: [String]? = nil
    /// Every performance year of the submission for which the arrangement is approved.
    public var performanceYears: [Int]
    /// `financial-risk`, `medical-home` or `capitation`.
    public var basis: String
    public var process: String
    public var submissionDate: String
    /// Only with `publish --with-source`: a public list does not name the files it was made from.
    public var sourceFile: String?

    /// Declared, not synthesized, so that the list can write rows into containers of its own.
    enum CodingKeys: String, CodingKey {
        case group, payerName, payerType, arrangementId, arrangementName, states, counties, performanceYears, basis, process,
            submissionDate, sourceFile
    }

    /// The synthesized keys and shape (a test holds it to them); decoding stays synthesized.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try encode(into: &container)
    }

    /// Written without the generic path: JSONEncoder tries several dynamic casts and makes an encoder
    /// of its own for every nested value it does not know, and a list of ten thousand rows has three
    /// such values a row (the group, the states, the years). The keys are sorted on output, so the
    /// order here does not matter.
    func encode(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encode(group.rawValue, forKey: .group)
        try container.encode(payerName, forKey: .payerName)
        try container.encode(payerType, forKey: .payerType)
        try container.encode(arrangementId, forKey: .arrangementId)
        try container.encode(arrangementName, forKey: .arrangementName)
        var stateList = container.nestedUnkeyedContainer(forKey: .states)
        for state in states { try stateList.encode(state) }
        if let counties {
            var countyList = container.nestedUnkeyedContainer(forKey: .counties)
            for county in counties { try countyList.encode(county) }
        }
        var yearList = container.nestedUnkeyedContainer(forKey: .performanceYears)
        for year in performanceYears { try yearList.encode(year) }
        try container.encode(basis, forKey: .basis)
        try container.encode(process, forKey: .process)
        try container.encode(submissionDate, forKey: .submissionDate)
        try container.encodeIfPresent(sourceFile, forKey: .sourceFile)
    }

    /// Everything but the source file: what a reader of the list would see change.
    func sameTerms(as other: PublishedRow) -> Bool {
        var mine = self
        mine.sourceFile = other.sourceFile
        return mine == other
    }

    public init(
        group: PayerGroup,
        payerName: String,
        payerType: String,
        arrangementId: String,
        arrangementName: String,
        states: [String],
        counties: [String]? = nil,
        performanceYears: [Int],
        basis: String,
        process: String,
        submissionDate: String,
        sourceFile: String? = nil
    ) {
        self.group = group
        self.payerName = payerName
        self.payerType = payerType
        self.arrangementId = arrangementId
        self.arrangementName = arrangementName
        self.states = states
        self.counties = counties
        self.performanceYears = performanceYears
        self.basis = basis
        self.process = process
        self.submissionDate = submissionDate
        self.sourceFile = sourceFile
    }
}

public struct SkippedFile: Sendable, Hashable, Codable {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
}

/// What changed since an earlier list.
public struct ListChanges: Sendable, Hashable {
    public var added: [PublishedRow]
    public var removed: [PublishedRow]
    public var changed: [(before: PublishedRow, after: PublishedRow)]

    public static func == (lhs: ListChanges, rhs: ListChanges) -> Bool {
        lhs.added == rhs.added && lhs.removed == rhs.removed
            && lhs.changed.map(\.before) == rhs.changed.map(\.before) && lhs.changed.map(\.after) == rhs.changed.map(\.after)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(added)
        hasher.combine(removed)
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public init(from previous: PublishedList, to current: PublishedList) {
        let before = Dictionary(previous.arrangements.map { ($0.arrangementId, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(current.arrangements.map { ($0.arrangementId, $0) }, uniquingKeysWith: { a, _ in a })
        added = current.arrangements.filter { before[$0.arrangementId] == nil }
        removed = previous.arrangements.filter { after[$0.arrangementId] == nil }
        changed = current.arrangements.compactMap { row in
            guard let old = before[row.arrangementId], !old.sameTerms(as: row) else { return nil }
            return (old, row)
        }
    }
}

extension PublishedList {
    /// The list with every text made safe to show (`DisplayText`): the CSV, Markdown, HTML and XML lists
    /// are read by people; the JSON list keeps the exact values.
    public var forDisplay: PublishedList {
        var copy = self
        copy.arrangements = arrangements.map(\.forDisplay)
        copy.skipped = skipped.map { SkippedFile(file: DisplayText.safe($0.file), reason: DisplayText.safe($0.reason)) }
        return copy
    }
}

extension PublishedRow {
    public var forDisplay: PublishedRow {
        var copy = self
        copy.payerName = DisplayText.safe(payerName)
        copy.payerType = DisplayText.safe(payerType)
        copy.arrangementId = DisplayText.safe(arrangementId)
        copy.arrangementName = DisplayText.safe(arrangementName)
        copy.states = states.map(DisplayText.safe)
        copy.basis = DisplayText.safe(basis)
        copy.process = DisplayText.safe(process)
        copy.submissionDate = DisplayText.safe(submissionDate)
        copy.sourceFile = sourceFile.map(DisplayText.safe)
        return copy
    }
}

/// Text order with runs of digits compared as numbers: `GEN-2` before `GEN-10`, as people read ids.
public enum NaturalOrder {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        var x = left.next()
        var y = right.next()
        while let l = x, let r = y {
            if isDigit(l) && isDigit(r) {
                // Both runs of digits: leading zeros skipped, the longer run the larger, then digit by digit.
                var leftRun: [UInt8] = []
                var rightRun: [UInt8] = []
                var lc: UInt8? = l
                while let c = lc, isDigit(c) { if !(leftRun.isEmpty && c == 0x30) { leftRun.append(c) }; lc = left.next() }
                var rc: UInt8? = r
                while let c = rc, isDigit(c) { if !(rightRun.isEmpty && c == 0x30) { rightRun.append(c) }; rc = right.next() }
                if leftRun.count != rightRun.count { return leftRun.count < rightRun.count }
                if leftRun != rightRun { return leftRun.lexicographicallyPrecedes(rightRun) }
                x = lc
                y = rc
                continue
            }
            if l != r { return l < r }
            x = left.next()
            y = right.next()
        }
        if x == nil && y == nil { return a < b }
        return x == nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
