import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules
import OPAPMXML

/// Runs every rule over an arrangement for each performance year and decides.
public struct DeterminationEngine: Sendable {
    /// A catalogue in CMS format given with `--measures`; used for its year instead of the built-in one.
    public var measuresOverride: MeasureCatalogue?
    /// Approved arrangement ids by performance year, from `--approved`.
    public var approvedArrangements: [Int: Set<String>]?
    /// Severity by rule id from configuration; a rule mapped to nil is turned off.
    public var severityOverrides: [String: Severity?]
    /// Whether figures carry the corners of the liability curve. Only the JSON and HTML reports show
    /// them, and drawing and rounding them was a quarter of the figures' cost in a text batch check.
    public var drawsLiabilityCurve = true
    /// Whether a failing numeric criterion gets the smallest change that passes it (`wouldPass`):
    /// check's reports show it; lint, which only lists findings, turns it off.
    public var findsRemedies = true

    public init(measuresOverride: MeasureCatalogue? = nil, approvedArrangements: [Int: Set<String>]? = nil,
        severityOverrides: [String: Severity?] = [:])
    {
        self.measuresOverride = measuresOverride
        self.approvedArrangements = approvedArrangements
        self.severityOverrides = severityOverrides
    }

    /// Loads and decides one file; `year` limits the decision to one performance year.
    public func determine(path: String, loader: SubmissionLoader, year: Int?) -> FileDetermination {
        determine(path: path, loader: loader, years: year.map { [$0] })
    }

    /// Loads and decides one file for `years` (nil: every year the submission covers).
    public func determine(path: String, loader: SubmissionLoader, years chosen: [Int]?) -> FileDetermination {
        let loaded: LoadedFile
        do {
            loaded = try loader.load(path: path)
        } catch {
            return .unreadable(path: InputFiles.displayName(path), reason: error.reason)
        }
        return determine(loaded, years: chosen)
    }

    /// Decides a file already read (from disk or memory) for `years` (nil: every year it covers).
    public func determine(_ loaded: LoadedFile, years chosen: [Int]?) -> FileDetermination {
        let path = loaded.path
        let fileFindings = loaded.diagnostics.map { diagnostic in
            Finding(
                rule: diagnostic.code.rawValue, severity: .error, message: diagnostic.message,
                help: Self.help(for: diagnostic.code), file: path, line: diagnostic.line, column: diagnostic.column,
                path: diagnostic.path)
        }
        guard let submission = loaded.submission else {
            return FileDetermination(path: path, findings: fileFindings, arrangements: [], submission: nil, unreadable: false)
        }
        let years = chosen ?? Array(Set(submission.performanceYears.map(\.value))).sorted()
        return FileDetermination(
            path: path, findings: fileFindings, arrangements: years.map { determine(submission, year: $0) },
            submission: submission, unreadable: false)
    }

    /// Decides one submission for one performance year.
    public func determine(_ submission: Submission, year: Int) -> ArrangementDetermination {
        determine(submission, year: year, findingRemedies: findsRemedies)
    }

    /// Decides one submission for one year; with `findingRemedies`, a failing numeric criterion also
    /// gets the smallest change that passes it, each found and verified by deciding the changed copy.
    func determine(_ submission: Submission, year: Int, findingRemedies: Bool) -> ArrangementDetermination {
        // Fields are read through the submission: copying the arrangement out retained all of it.
        guard let parameters = try? PerformanceYearTable.parameters(for: year) else {
            let rule = PerformanceYearKnown()
            let findings = finalize([rule.violation(year: year, submission: submission)], rule: rule, file: submission.file,
                parameters: nil)
            return ArrangementDetermination(
                id: submission.arrangement.id, name: submission.arrangement.name, performanceYear: year, determination: .incomplete,
                figures: Figures(), findings: findings, parameters: [])
        }
        let route = MedicalHomeRoute.route(for: submission, parameters: parameters)
        let risk = submission.arrangement.financialRisk.flatMap { RiskAnalysis(terms: $0, parameters: parameters) }
        let context = RuleContext(
            submission: submission, year: year, parameters: parameters, catalogue: catalogue(for: year), route: route,
            risk: risk, approvedArrangementIds: approvedArrangements?[year] ?? (approvedArrangements == nil ? nil : []))
        var findings: [Finding] = []
        for rule in RuleRegistry.all {
            let violations = rule.check(context)
            // Most rules find nothing: then the rule (and its description) is not handed on.
            if !violations.isEmpty { findings += finalize(violations, rule: rule, file: submission.file, parameters: parameters) }
        }
        var result = ArrangementDetermination(
            id: submission.arrangement.id, name: submission.arrangement.name, performanceYear: year, determination: Self.decide(findings),
            figures: Self.figures(context, drawingCurve: drawsLiabilityCurve), findings: findings,
            parameters: parameters.rows)
        if findingRemedies, result.determination != .approved {
            let failing = Set(findings.filter { $0.severity == .error && !$0.incomplete }.map(\.rule))
            if !failing.isDisjoint(with: ["CEHRT001", "MMH004", "FR002", "FR004"]) {
                let remedies = WhatWouldPass.remedies(for: submission, year: year, failing: failing, engine: self)
                result.wouldPass = remedies.isEmpty ? nil : remedies
            }
        }
        return result
    }

    /// Errors that fail a criterion make it not approved; otherwise missing information makes it incomplete.
    static func decide(_ findings: [Finding]) -> Determination {
        let errors = findings.filter { $0.severity == .error }
        if errors.contains(where: { !$0.incomplete }) { return .notApproved }
        if errors.contains(where: \.incomplete) { return .incomplete }
        return .approved
    }

    private func finalize(_ violations: [Violation], rule: any Rule, file: String, parameters: PerformanceYearParameters?)
        -> [Finding]
    {
        let description = rule.description
        var severity = description.severity
        if let override = severityOverrides[description.id] {
            guard let override else { return [] }
            severity = override
        }
        return violations.map { violation in
            Finding(
                rule: description.id, severity: violation.severity ?? severity,
                message: violation.message, help: violation.help ?? description.help, citation: violation.citation ?? description.citation,
                file: file, line: violation.location.line, column: violation.location.column,
                path: violation.location.path, incomplete: violation.incomplete,
                law: parameters.flatMap { parameters in
                    let rows = (violation.law ?? description.law).compactMap(parameters.row)
                    return rows.isEmpty ? nil : rows
                })
        }
    }

    private func catalogue(for year: Int) -> MeasureCatalogue? {
        if let measuresOverride, measuresOverride.year == year { return measuresOverride }
        return CatalogueCache.shared.catalogue(for: year)
    }

    /// The catalogue's help for an XML-layer diagnostic.
    static func help(for code: XMLDiagnostic.Code) -> String { XMLDiagnosticText.describe(code).help }

    /// The weakest provenance among the values that chose the route: the aligned medical-home route and
    /// the clinician limit for a medical home (or a fall-back from one), the exclusion for capitation.
    static func routeProvenance(_ context: RuleContext) -> Provenance? {
        let parameters = context.parameters
        switch context.route {
        case .capitation:
            return parameters.capitationExclusion.provenance
        case .medicalHome, .general:
            guard MedicalHomeRoute.claimed(context.arrangement) else { return nil }
            let aligned = context.submission.payer.type.isTitleXIX ? [] : [parameters.alignedMedicalHomeRoute.provenance]
            // Closed before the limit was read: the route rests on the aligned-route value alone.
            guard MedicalHomeRoute.payerMayUse(context.submission, parameters: parameters) else { return aligned.max() }
            return (aligned + [parameters.medicalHomeClinicianLimit.provenance, parameters.medicalHomeLimitBasis.provenance]).max()
        }
    }

    static func figures(_ context: RuleContext, drawingCurve: Bool) -> Figures {
        var figures = Figures()
        let arrangement = context.arrangement
        let parameters = context.parameters
        var provenance = FigureProvenance()
        figures.route = context.route
        // The route rests on the values that opened or closed the medical-home and capitation routes.
        if let weakest = Self.routeProvenance(context) { provenance.route = weakest }
        figures.cehrtMinimumPercent = parameters.cehrtMinimumPercent.value
        provenance.cehrtMinimumPercent = parameters.cehrtMinimumPercent.provenance
        figures.cehrtRequiredPercent = arrangement.cehrt.requiredPercent?.value
        var shares: [String: Exact] = [:]
        for entity in arrangement.apmEntities {
            if let share = entity.roster?.cehrtPercent { shares[entity.tin] = share.rounded(4) }
        }
        figures.cehrtShareByEntity = shares.isEmpty ? nil : shares
        if let risk = context.risk, context.route == .general {
            figures.expectedExpenditures = risk.expectedExpenditures
            figures.expectedExpendituresCappedFrom = risk.cappedBenchmark
            figures.totalRiskRequirementPercent = risk.requirementPercent.rounded(4)
            figures.totalRiskRequirementBasis = risk.requirementBasis.rawValue
            provenance.totalRiskRequirementPercent = risk.requirementBasis == .revenue
                ? parameters.nominalRevenuePercent.provenance : parameters.nominalExpenditurePercent.provenance
            if risk.cappedBenchmark != nil { provenance.expectedExpendituresCappedFrom = parameters.expectedExpendituresCap.provenance }
            if let maximum = risk.maximumLiabilityPercent {
                figures.totalRiskPercent = maximum.rounded(4)
                figures.totalRiskDollars = risk.dollars(maximum).rounded(2)
            } else {
                figures.totalRiskUnbounded = true
            }
            figures.totalRiskPercentOfRevenue = risk.maximumLiabilityPercentOfRevenue?.rounded(4)
            figures.marginalRiskMethod = context.parameters.marginalRiskMethod.value
            figures.marginalWindowStartPercent = risk.windowStart.rounded(4)
            figures.marginalWindowEndPercent = risk.windowEnd.rounded(4)
            figures.averageMarginalRiskPercent = risk.averageRatePercent.rounded(4)
            figures.lowestMarginalRiskPercent = risk.lowestRatePercent.rounded(4)
            figures.averageMarginalRiskWithoutAllowancesPercent = risk.averageWithoutAllowancesPercent?.rounded(4)
            figures.averageMarginalRiskFromZeroPercent = risk.averageFromZeroPercent?.rounded(4)
            figures.lowestMarginalRiskFromZeroPercent = risk.lowestFromZeroPercent?.rounded(4)
            figures.smallLossPercent = parameters.smallLossPercent.value
            figures.marginalRiskMinimumPercent = parameters.marginalRiskMinimumPercent.value
            provenance.marginalRiskMethod = parameters.marginalRiskMethod.provenance
            provenance.smallLossPercent = parameters.smallLossPercent.provenance
            provenance.marginalRiskMinimumPercent = parameters.marginalRiskMinimumPercent.provenance
            if figures.averageMarginalRiskFromZeroPercent != nil {
                provenance.averageMarginalRiskFromZeroPercent = parameters.allowancesUse.provenance
            }
            // Draw a little past where L stops rising (or the large-loss point, when L never stops).
            if drawingCurve {
                let reach = max(risk.curve.endOfRise ?? risk.windowEnd, risk.windowEnd, context.parameters.smallLossPercent.value)
                figures.liabilityCurve = risk.curve.points(until: (reach * 125).scaled(byPowerOfTen: -2)).map {
                    CurvePoint(overrunPercent: $0.overrunPercent.rounded(4), liabilityPercent: $0.liabilityPercent.rounded(4))
                }
            }
        }
        if let home = arrangement.medicalHome, context.route == .medicalHome {
            figures.medicalHomeElementsMet = home.elementsMet.count
            figures.medicalHomeElementsMinimum = parameters.medicalHomeElementsMinimum.value
            provenance.medicalHomeElementsMinimum = parameters.medicalHomeElementsMinimum.provenance
            figures.medicalHomeMinimumPercent = parameters.medicalHomeMinimumPercent.value
            provenance.medicalHomeMinimumPercent = parameters.medicalHomeMinimumPercent.provenance
            if let amount = home.amountAtRisk?.value, let revenue = home.averageEstimatedTotalRevenue?.value, revenue > 0 {
                figures.medicalHomeAmountAtRiskPercent = (amount.scaled(byPowerOfTen: 2) / revenue).rounded(4)
            }
        }
        figures.provenance = provenance
        return figures
    }
}

/// Built-in catalogues, parsed on first use and shared across threads (the engine's and the
/// workbench's measure picker, which asks on every keystroke).
public final class CatalogueCache: @unchecked Sendable {
    public static let shared = CatalogueCache()
    private var catalogues: [Int: MeasureCatalogue?] = [:]
    private let lock = NSLock()

    public func catalogue(for year: Int) -> MeasureCatalogue? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = catalogues[year] { return cached }
        let built = MeasureCatalogue.builtIn(year: year)
        catalogues[year] = built
        return built
    }
}
