import Foundation
import HTTPTypes
import Hummingbird
import OPAPMCore
import OPAPMReporting

/// The approved list the directory would publish for a year, and QP scores against it.
extension Workbench {
    /// The rows `opapm publish DIR --year YEAR --skip-invalid` writes: the same decisions, the same
    /// builder, files that cannot be decided named as skipped.
    func preview(year: Int) -> PublishedList {
        let results = decideAll().map(\.result)
        let skipped = (try? Publication.skippedFiles(results, skipInvalid: true, out: configuration.directory, warn: { _ in })) ?? []
        return ApprovedListBuilder.build(results, year: year, asOf: nil, skipped: skipped)
    }

    func listYear(_ request: Request) -> Int? {
        guard let year = request.uri.queryParameters.get("year").flatMap({ Int($0) }),
            (try? PerformanceYearTable.parameters(for: year)) != nil
        else { return nil }
        return year
    }

    static func yearRequired() -> Response {
        Problem.response(.badRequest, "Performance year required",
            "give year, a performance year the law file covers (\(PerformanceYearTable.supportedYears.lowerBound)–\(PerformanceYearTable.supportedYears.upperBound))")
    }

    /// `POST /api/qp?year=YEAR`: QP data (schemas/qp-data.xsd) scored against the directory's approved
    /// list for that year, as `opapm qp --format json` writes it.
    func qp(_ request: Request) async throws -> Response {
        if let refusal = Self.badQuery(request) { return refusal }
        guard let year = listYear(request) else { return Self.yearRequired() }
        guard let bytes = try await body(request) else { return Self.tooLarge(configuration.maxRequestBytes) }
        guard !bytes.isEmpty else {
            return Problem.response(.badRequest, "No QP data", "send the QP data's XML (schemas/qp-data.xsd) as the request body")
        }
        let list = preview(year: year)
        let approved = ApprovedList(performanceYear: year, arrangements: list.arrangements.map {
            ApprovedList.Row(arrangementId: $0.arrangementId, payerType: $0.payerType, states: $0.states, counties: $0.counties)
        })
        let outcome: QPRun.Outcome
        do {
            outcome = try QPRun.run(bytes: bytes, name: Self.displayName(request, default: "qp-data.xml"), list: approved, year: year, limits: loader.parser.limits)
        } catch {
            return Problem.response(.unprocessableContent, "Not scored", error.description)
        }
        switch outcome {
        case .invalid(let lines), .impossible(let lines):
            return Self.encoded(QPAnswer(results: [], problems: lines))
        case .scored(let results):
            return Self.encoded(QPAnswer(results: results, problems: nil))
        }
    }
}

/// `POST /api/qp`'s answer: what `opapm qp --format json` prints, or, for data that cannot be scored,
/// no results and the lines `opapm qp` prints to say why.
struct QPAnswer: Encodable {
    var results: [QPResult]
    var problems: [String]?
}
