import Foundation
import OPAPMXML

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMFiles
@testable import OPAPMLaw
@testable import OPAPMModel
@testable import OPAPMPublishing
@testable import OPAPMQP
@testable import OPAPMRules

/// The repository root, found from this file's location.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func repositoryPath(_ relative: String) -> String {
    repositoryRoot.appendingPathComponent(relative).path
}

func decimal(_ text: String) -> Exact {
    Exact(decimalText: text)!
}

func loadSample(_ relative: String) throws -> Submission {
    let loaded = try SubmissionLoader().load(path: repositoryPath(relative))
    guard let submission = loaded.submission else {
        throw SampleError(message: "\(relative): \(loaded.diagnostics.map(\.message))")
    }
    return submission
}

struct SampleError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Terms for a risk test: bands as (from, to, rate) percents.
func terms(
    expected: String, bands: [(String, String?, String)], mlr: (String, Bool)? = nil, stopLoss: String? = nil,
    cap: String? = nil, revenue: String? = nil
) -> FinancialRiskTerms {
    let here = SourceLocation(line: 1, path: "/test")
    return FinancialRiskTerms(
        mechanisms: [.sharedLosses],
        expectedExpenditures: Located(decimal(expected), at: here),
        expenditureBasis: .benchmark,
        revenueFromPayer: revenue.map { Located(decimal($0), at: here) },
        minimumLossRate: mlr.map { MinimumLossRate(percent: decimal($0.0), firstDollar: $0.1, location: here) },
        bands: bands.map { LossBand(fromPercent: decimal($0.0), toPercent: $0.1.map(decimal), ratePercent: decimal($0.2), location: here) },
        withheldAmount: nil,
        maximumLiability: cap.map { Located(decimal($0), at: here) },
        stopLossPercent: stopLoss.map { Located(decimal($0), at: here) },
        capitation: nil,
        location: here)
}

func analysis(_ terms: FinancialRiskTerms, year: Int) throws -> RiskAnalysis {
    RiskAnalysis(
        terms: terms, expected: terms.expectedExpenditures?.value ?? 0,
        parameters: try PerformanceYearTable.parameters(for: year))
}
