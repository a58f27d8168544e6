import Foundation
import OPAPMFiles
import OPAPMModel

/// A MIPS quality measure as CMS's catalogue lists it for one performance year.
public struct CatalogueMeasure: Sendable, Hashable {
    public var id: String
    public var type: String
    public var isRegistryMeasure: Bool
    public var nqfId: String?
    public var eMeasureId: String?
    public var title: String

    /// Outcome types under 414.1420(c)(3): outcome, intermediate outcome, patient-reported outcome
    /// (and the 2017–2018 combined type that includes an intermediate outcome).
    public static let outcomeTypes: Set<String> = [
        "outcome", "intermediateOutcome", "patientReportedOutcome", "intermediateOutcomeAndProcess",
    ]

    public var isOutcome: Bool { Self.outcomeTypes.contains(type) }
}

/// The MIPS quality measures for one performance year: the compact catalogue built into opapm
/// (derived from CMS qpp-measures-data by scripts/build-measure-catalogue), or a CMS
/// `measures-data.json` given with `--measures`.
public struct MeasureCatalogue: Sendable {
    public var year: Int
    /// Where the catalogue came from, for reports.
    public var source: String
    private var storage: Storage

    private enum Storage: Sendable {
        case measures([String: CatalogueMeasure])
        /// The built-in catalogue's text and where each measure's line is in it. A run reads a handful of
        /// a year's three hundred measures; making every line's six strings was some 3.8 million
        /// instructions a year, a thirteenth of a one-file check, before the first rule could run.
        case lines(bytes: [UInt8], lineOf: [String: Range<Int>])
    }

    public init(year: Int, source: String, measures: [String: CatalogueMeasure]) {
        self.year = year
        self.source = source
        storage = .measures(measures)
    }

    public func measure(_ id: String) -> CatalogueMeasure? {
        switch storage {
        case .measures(let measures): return measures[id]
        case .lines(let bytes, let lineOf): return lineOf[id].flatMap { Self.measure(line: bytes[$0]) }
        }
    }

    /// Every measure by id (the workbench's picker searches them all).
    public var measures: [String: CatalogueMeasure] {
        switch storage {
        case .measures(let measures): return measures
        case .lines(let bytes, let lineOf):
            var measures: [String: CatalogueMeasure] = [:]
            measures.reserveCapacity(lineOf.count)
            for (id, line) in lineOf { measures[id] = Self.measure(line: bytes[line]) }
            return measures
        }
    }

    /// How many measures the catalogue lists.
    public var count: Int {
        switch storage {
        case .measures(let measures): return measures.count
        case .lines(_, let lineOf): return lineOf.count
        }
    }

    /// The built-in catalogue for `year`, if opapm has one. Only each line's id is read now (on bytes:
    /// splitting the String by Character cost some 30 million instructions a year); the rest of a line
    /// when its measure is asked for.
    public static func builtIn(year: Int) -> MeasureCatalogue? {
        guard let text = EmbeddedCatalogues.text(for: year) else { return nil }
        let bytes = Array(text.utf8)
        var lineOf: [String: Range<Int>] = [:]
        lineOf.reserveCapacity(bytes.count / 80)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = start..<end
            // A line of six fields (five tabs), as `measure(line:)` reads it; any other line is no measure.
            if bytes[line].lazy.filter({ $0 == UInt8(ascii: "\t") }).count == 5,
                let tab = bytes[line].firstIndex(of: UInt8(ascii: "\t"))
            {
                lineOf[String(decoding: bytes[start..<tab], as: UTF8.self)] = line
            }
            start = end + 1
        }
        var catalogue = MeasureCatalogue(year: year, source: "built-in (CMS qpp-measures-data \(year))", measures: [:])
        catalogue.storage = .lines(bytes: bytes, lineOf: lineOf)
        return catalogue
    }

    /// One line of the built-in catalogue: id, type, registry flag, NQF id, eCQM id, title, by tabs.
    private static func measure(line: ArraySlice<UInt8>) -> CatalogueMeasure? {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 6 else { return nil }
        return CatalogueMeasure(
            id: fields[0], type: fields[1], isRegistryMeasure: fields[2] == "1",
            nqfId: fields[3].isEmpty ? nil : fields[3], eMeasureId: fields[4].isEmpty ? nil : fields[4], title: fields[5])
    }

    public struct LoadFailure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot read measure catalogue: \(reason)" }
    }

    /// Reads a `measures-data.json` in CMS's own format (a JSON array of measures; only quality ones are kept).
    public static func load(cmsFile path: String, year: Int) throws(LoadFailure) -> MeasureCatalogue {
        struct Entry: Decodable {
            var measureId: String?
            var category: String?
            var measureType: String?
            var isRegistryMeasure: Bool?
            var nqfId: String?
            var eMeasureId: String?
            var title: String?
        }
        let entries: [Entry]
        do {
            entries = try JSONFile.decode([Entry].self, path: path, what: "a CMS measures-data.json")
        } catch {
            throw LoadFailure(path: path, reason: error.description)
        }
        var measures: [String: CatalogueMeasure] = [:]
        for entry in entries where entry.category == "quality" {
            guard let id = entry.measureId else { continue }
            measures[id] = CatalogueMeasure(
                id: id, type: entry.measureType ?? "", isRegistryMeasure: entry.isRegistryMeasure ?? false,
                nqfId: entry.nqfId, eMeasureId: entry.eMeasureId, title: entry.title ?? "")
        }
        guard !measures.isEmpty else { throw LoadFailure(path: path, reason: "no quality measures in the file") }
        return MeasureCatalogue(year: year, source: path, measures: measures)
    }
}

/// Namespace for the generated catalogue texts.
enum EmbeddedCatalogues {
    static func text(for year: Int) -> String? {
        switch year {
        case 2017: return y2017
        case 2018: return y2018
        case 2019: return y2019
        case 2020: return y2020
        case 2021: return y2021
        case 2022: return y2022
        case 2023: return y2023
        case 2024: return y2024
        case 2025: return y2025
        case 2026: return y2026
        case 2027: return y2027
        default: return nil
        }
    }
}
