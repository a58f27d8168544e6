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
    public var measures: [String: CatalogueMeasure]

    public func measure(_ id: String) -> CatalogueMeasure? {
        measures[id]
    }

    /// The built-in catalogue for `year`, if opapm has one. One pass over the text's bytes, each field
    /// made a string once where its tab is found: splitting into lines and then fields (arrays of
    /// slices, each grown as it went) cost 3.8 million instructions a year, a thirteenth of a one-file
    /// check, and splitting the String by Character once cost 30 million.
    public static func builtIn(year: Int) -> MeasureCatalogue? {
        guard var text = EmbeddedCatalogues.text(for: year) else { return nil }
        var measures: [String: CatalogueMeasure] = [:]
        text.withUTF8 { bytes in
            measures.reserveCapacity(bytes.count / 80)
            var fields: [String] = []
            fields.reserveCapacity(6)
            var fieldStart = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "\n")
                guard byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") else { continue }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<index]), as: UTF8.self))
                fieldStart = index + 1
                guard byte == UInt8(ascii: "\n") else { continue }
                // A line of six fields is a measure; any other line (the text's last, empty one) is not.
                if fields.count == 6 {
                    measures[fields[0]] = CatalogueMeasure(
                        id: fields[0], type: fields[1], isRegistryMeasure: fields[2] == "1",
                        nqfId: fields[3].isEmpty ? nil : fields[3], eMeasureId: fields[4].isEmpty ? nil : fields[4],
                        title: fields[5])
                }
                fields.removeAll(keepingCapacity: true)
            }
        }
        return MeasureCatalogue(year: year, source: "built-in (CMS qpp-measures-data \(year))", measures: measures)
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
