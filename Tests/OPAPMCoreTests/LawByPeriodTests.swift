import Foundation
import Testing

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMFiles
@testable import OPAPMLaw
@testable import OPAPMModel
@testable import OPAPMPublishing
@testable import OPAPMQP
@testable import OPAPMRules

/// Issue 19's corrections, each decided by the law for its period and tested at its boundary.
@Suite struct LawByPeriodTests {
    let engine = DeterminationEngine()

    func rules(_ result: ArrangementDetermination, severity: Severity = .error) -> Set<String> {
        Set(result.findings.filter { $0.severity == severity }.map(\.rule))
    }

    /// The commercial worked-example sample, moved to `year`: dates, submission date before the year's
    /// deadline, and the year requested.
    func sample(year: Int, _ change: (inout Submission) -> Void = { _ in }) throws -> Submission {
        var submission = try loadSample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml")
        submission.performanceYears = [Located(year, at: submission.location)]
        submission.submissionDate = Located(CalendarDate(year: year - 1, month: 5, day: 14), at: submission.location)
        submission.arrangement.startDate = Located(CalendarDate(year: year, month: 1, day: 1), at: submission.location)
        submission.arrangement.endDate = Located(CalendarDate(year: year, month: 12, day: 31), at: submission.location)
        change(&submission)
        return submission
    }

    /// 1. 3.5% total risk, 35% average: the 4% total potential risk test is PY2019's alone.
    @Test(arguments: [2019, 2020, 2021, 2025])
    func totalPotentialRiskIsPY2019sAlone(year: Int) throws {
        let submission = try sample(year: year) { submission in
            submission.payer.type = .medicareAdvantage
            submission.submitter.type = .medicareHealthPlan
            submission.arrangement.financialRisk?.bands = [
                LossBand(fromPercent: 0, toPercent: 20, ratePercent: 35, location: submission.location)
            ]
            submission.arrangement.financialRisk?.maximumLiability = Located(decimal("350000"), at: submission.location)
        }
        let result = engine.determine(submission, year: year)
        if year == 2019 {
            #expect(rules(result) == ["FR003"], "\(result.findings.map(\.message))")
        } else {
            #expect(result.determination == .approved, "\(year): \(result.findings.map(\.message))")
        }
    }

    /// 2. No Other Payer Advanced APM determinations before PY2019.
    @Test func noDeterminationsBeforePY2019() throws {
        let capitation = try loadSample("samples/approved/medicare-advantage-full-capitation.xml")
        let y2018 = engine.determine(capitation, year: 2018)
        #expect(y2018.determination == .notApproved)
        #expect(rules(y2018).contains("SUB008"))
        #expect(!rules(engine.determine(capitation, year: 2019)).contains("SUB008"))
    }

    /// 3. A late request is not reviewed: an error, never an approval.
    @Test func aLateRequestIsNotApproved() throws {
        let late = try sample(year: 2024) { $0.submissionDate = Located(CalendarDate(year: 2023, month: 6, day: 2), at: $0.location) }
        let result = engine.determine(late, year: 2024)
        #expect(result.determination == .notApproved)
        #expect(rules(result) == ["SUB004"])
        let onTime = try sample(year: 2024) { $0.submissionDate = Located(CalendarDate(year: 2023, month: 6, day: 1), at: $0.location) }
        #expect(engine.determine(onTime, year: 2024).determination == .approved)
    }

    /// 4. Title XIX clinician-initiated requests are due 1 November of the prior year; in PY2019 only
    /// Medicare Health Plans and payers aligned with a CMS Multi-Payer Model could use the payer-initiated process.
    @Test func deadlinesAndRoutesByPayerAndYear() throws {
        var medicaid = try loadSample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml")
        medicaid.process = .clinicianInitiated
        medicaid.submitter.type = .apmEntity
        medicaid.submissionDate = Located(CalendarDate(year: 2023, month: 11, day: 15), at: medicaid.location)
        let late = engine.determine(medicaid, year: 2024)
        #expect(late.findings.contains { $0.rule == "SUB004" && $0.severity == .error && $0.message.contains("2023-11-01") })
        medicaid.submissionDate = Located(CalendarDate(year: 2023, month: 11, day: 1), at: medicaid.location)
        #expect(!rules(engine.determine(medicaid, year: 2024)).contains("SUB004"))

        let commercial2019 = try sample(year: 2019)
        let refused = engine.determine(commercial2019, year: 2019)
        #expect(refused.findings.contains { $0.rule == "SUB001" && $0.message.contains("no payer-initiated process") })
        let aligned2019 = try sample(year: 2019) { $0.arrangement.multiPayerModel = "Comprehensive Primary Care Plus" }
        #expect(!rules(engine.determine(aligned2019, year: 2019)).contains("SUB001"))
        let commercial2020 = try sample(year: 2020)
        #expect(!rules(engine.determine(commercial2020, year: 2020)).contains("SUB001"))
    }

    /// 5. Each year is decided on its own: a year past the arrangement's end fails alone.
    @Test func eachYearIsDecidedOnItsOwn() throws {
        let submission = try sample(year: 2025) { submission in
            submission.performanceYears = [Located(2025, at: submission.location), Located(2026, at: submission.location)]
            submission.submissionDate = Located(CalendarDate(year: 2024, month: 5, day: 14), at: submission.location)
        }
        #expect(engine.determine(submission, year: 2025).determination == .approved)
        let y2026 = engine.determine(submission, year: 2026)
        #expect(rules(y2026) == ["SUB002"], "\(y2026.findings.map(\.message))")
    }

    /// 6. A QCDR measure counts as a MIPS measure in PY2019 (414.1330(a)(2)), not from PY2020.
    @Test func qcdrMeasuresCountInPY2019Only() throws {
        func qcdrOnly(_ year: Int) throws -> Submission {
            try sample(year: year) { submission in
                submission.payer.type = .medicareAdvantage
                submission.submitter.type = .medicareHealthPlan
                submission.arrangement.financialRisk?.bands = [
                    LossBand(fromPercent: 0, toPercent: 20, ratePercent: 40, location: submission.location)
                ]
                for index in submission.arrangement.quality.measures.indices {
                    submission.arrangement.quality.measures[index].source = .qcdr
                }
            }
        }
        #expect(!rules(engine.determine(try qcdrOnly(2019), year: 2019)).contains("QM001"))
        #expect(rules(engine.determine(try qcdrOnly(2020), year: 2020)).contains("QM001"))
    }

    /// 7. One outcome measure and nothing else: PY2019 and PY2023 pass, PY2020–2022 need an additional one.
    @Test(arguments: [(2019, true), (2020, false), (2022, false), (2023, true)])
    func aSingleOutcomeMeasureByPeriod(year: Int, passes: Bool) throws {
        let submission = try sample(year: year) { submission in
            submission.payer.type = .medicareAdvantage
            submission.submitter.type = .medicareHealthPlan
            submission.arrangement.financialRisk?.bands = [
                LossBand(fromPercent: 0, toPercent: 20, ratePercent: 40, location: submission.location)
            ]
            submission.arrangement.quality.measures = [submission.arrangement.quality.measures[0]]
        }
        let result = engine.determine(submission, year: year)
        #expect(rules(result).contains("QM003") == !passes, "\(year): \(result.findings.map(\.message))")
        if !passes {
            #expect(result.findings.contains { $0.message.contains("additional outcome measure") })
        }
    }
}

/// Issue 19, corrections 9 and 10: the medical-home routes and the 50-clinician count by period.
@Suite struct MedicalHomeByPeriodTests {
    let engine = DeterminationEngine()

    func medicalHome(year: Int, entity: Int, organization: Int) throws -> Submission {
        var submission = try loadSample("samples/approved/medicaid-managed-care-medical-home.xml")
        submission.performanceYears = [Located(year, at: submission.location)]
        submission.submissionDate = Located(CalendarDate(year: year - 1, month: 3, day: 28), at: submission.location)
        submission.arrangement.startDate = Located(CalendarDate(year: year, month: 1, day: 1), at: submission.location)
        submission.arrangement.endDate = Located(CalendarDate(year: year, month: 12, day: 31), at: submission.location)
        for index in submission.arrangement.apmEntities.indices {
            submission.arrangement.apmEntities[index].eligibleClinicianCount = entity
            submission.arrangement.apmEntities[index].organizationClinicianCount = Located(organization, at: submission.location)
            submission.arrangement.apmEntities[index].roster = nil
        }
        return submission
    }

    @Test func theLimitCountsTheOwningOrganizationThroughPY2022AndTheEntityFromPY2023() throws {
        // A 20-clinician entity of a 300-clinician system: general standards in PY2022, medical home in PY2023.
        #expect(engine.determine(try medicalHome(year: 2022, entity: 20, organization: 300), year: 2022).figures.route == .general)
        #expect(engine.determine(try medicalHome(year: 2023, entity: 20, organization: 300), year: 2023).figures.route == .medicalHome)
        // A 60-clinician entity of a 12-clinician organisation: the other way round.
        #expect(engine.determine(try medicalHome(year: 2022, entity: 60, organization: 12), year: 2022).figures.route == .medicalHome)
        #expect(engine.determine(try medicalHome(year: 2023, entity: 60, organization: 12), year: 2023).figures.route == .general)
        // Exactly 50 in PY2023: over the limit, with a note on the text's two readings.
        let fifty = engine.determine(try medicalHome(year: 2023, entity: 50, organization: 12), year: 2023)
        #expect(fifty.figures.route == .general)
        #expect(fifty.findings.contains { $0.rule == "MMH005" && $0.severity == .note && $0.message.contains("exactly 50") })
    }

    /// A commercial payer aligned with Primary Care First, medical-home terms: the Aligned Other Payer
    /// Medical Home Model route from PY2020, not before.
    @Test func theAlignedOtherPayerMedicalHomeRouteOpensInPY2020() throws {
        func aligned(_ year: Int) throws -> Submission {
            var submission = try medicalHome(year: year, entity: 20, organization: 20)
            submission.payer.type = .commercial
            submission.submitter.type = .payer
            submission.arrangement.multiPayerModel = "Primary Care First"
            submission.submissionDate = Located(CalendarDate(year: year - 1, month: 5, day: 15), at: submission.location)
            return submission
        }
        let y2020 = engine.determine(try aligned(2020), year: 2020)
        #expect(y2020.figures.route == .medicalHome)
        #expect(!y2020.findings.contains { $0.rule == "MMH001" })
        let y2019 = engine.determine(try aligned(2019), year: 2019)
        #expect(y2019.figures.route == .general)
        #expect(y2019.findings.contains { $0.rule == "MMH001" })
    }
}

/// Issue 19, correction 11: only CMS's own contracts with Medicare Advantage Organizations are excluded.
@Suite struct CapitationExclusionTests {
    @Test func onlyCMSContractsWithMedicareAdvantageOrganizationsAreExcluded() throws {
        let engine = DeterminationEngine()
        var capitation = try loadSample("samples/approved/medicare-advantage-full-capitation.xml")
        capitation.payer.cmsContract = true
        let direct = engine.determine(capitation, year: 2024)
        #expect(direct.findings.contains { $0.rule == "CAP001" && $0.message.contains("Medicare Advantage Organization") })
        for other in [PayerType.pace, .costPlan1876, .medicareMedicaidPlan] {
            capitation.payer.type = other
            let result = engine.determine(capitation, year: 2024)
            #expect(!result.findings.contains { $0.rule == "CAP001" }, "\(other)")
        }
    }
}

/// Issue 19, correction 13: a CEHRT requirement without a share is presumed to meet (b); a roster below
/// the year's share fails it.
@Suite struct CEHRTPresumptionTests {
    @Test func aRequirementWithoutAShareIsPresumedMetAndARosterBelowTheShareFails() throws {
        let engine = DeterminationEngine()
        var submission = try loadSample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml")
        submission.arrangement.cehrt.requiredPercent = nil
        let presumed = engine.determine(submission, year: 2024)
        #expect(presumed.determination == .approved, "\(presumed.findings.map(\.message))")
        #expect(presumed.findings.contains { $0.rule == "CEHRT001" && $0.severity == .note })
        let roster = try loadSample("samples/not-approved/CEHRT002-roster-share-below-75-percent.xml")
        var below = roster
        below.arrangement.cehrt.required = true
        below.arrangement.cehrt.requiredPercent = nil
        #expect(engine.determine(below, year: 2024).findings.contains { $0.rule == "CEHRT002" && $0.severity == .error })
    }
}

/// Issue 19, correction 14: a measure accepted only by consensus endorsement or CMS determination is put
/// to the reviewers, not approved on the submitter's word.
@Suite struct MeasureEvidenceTests {
    @Test func consensusAndCMSDeterminedSourcesAreReportedForReview() throws {
        var submission = try loadSample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml")
        for index in submission.arrangement.quality.measures.indices {
            submission.arrangement.quality.measures[index].source = index == 0 ? .consensusEndorsed : .cmsDetermined
        }
        let result = DeterminationEngine().determine(submission, year: 2024)
        let review = result.findings.filter { $0.rule == "QM001" && $0.severity == .warning }
        #expect(review.count == submission.arrangement.quality.measures.count)
        #expect(review.allSatisfy { $0.message.contains("on the submitter's evidence") })
    }
}

/// Issue 19, correction 8: the allowances are never used against the arrangement, and a first-dollar
/// jump is not a marginal rate.
@Suite struct AllowanceTests {
    func decide(_ risk: FinancialRiskTerms, year: Int) throws -> ArrangementDetermination {
        var submission = try loadSample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml")
        submission.performanceYears = [Located(year, at: submission.location)]
        submission.submissionDate = Located(CalendarDate(year: year - 1, month: 5, day: 14), at: submission.location)
        submission.arrangement.startDate = Located(CalendarDate(year: year, month: 1, day: 1), at: submission.location)
        submission.arrangement.endDate = Located(CalendarDate(year: year, month: 12, day: 31), at: submission.location)
        submission.arrangement.financialRisk = risk
        return DeterminationEngine().determine(submission, year: year)
    }

    /// 50% on 0–4% and 20% above, capped at 5.2%: 20% over (4%, 9%], 33.3% over (0%, 9%]: approved.
    @Test func theWindowFromZeroCountsForTheArrangement() throws {
        let risk = terms(expected: "10000000", bands: [("0", "4", "50"), ("4", nil, "20")], cap: "520000")
        let analysis = try analysis(risk, year: 2021)
        #expect(analysis.averageRatePercent == 20)
        #expect(analysis.averageFromZeroPercent?.rounded(4) == decimal("33.3333"))
        let result = try decide(risk, year: 2021)
        #expect(result.determination == .approved, "\(result.findings.map(\.message))")
        // Rates below 30% in both windows still fail.
        let low = terms(expected: "10000000", bands: [("0", "4", "25"), ("4", nil, "20")], cap: "520000")
        #expect(try decide(low, year: 2021).findings.contains { $0.rule == "FR004" })
    }

    /// First-dollar sharing of 28% from a minimum loss rate of 3.9%, 4% or 4.1%: the jump is not a rate.
    @Test(arguments: ["3.9", "4", "4.1"])
    func aFirstDollarJumpIsNotAMarginalRate(mlr: String) throws {
        let risk = terms(expected: "10000000", bands: [("0", nil, "28")], mlr: (mlr, true), cap: "600000")
        let analysis = try analysis(risk, year: 2021)
        // Exact: the window ends where L reaches R, at 3/0.28 of a percent, which no decimal holds but a
        // fraction does, so the average over it is exactly 28%, not a 38-digit neighbour of it.
        let average = analysis.averageRatePercent
        #expect(average <= 28, "\(mlr): \(analysis.averageRatePercent)")
        #expect(analysis.averageRatePercent.rounded(4) != decimal("44.7368"))
        if mlr != "4.1" { #expect(average == 28, "\(mlr)") }
        #expect(try decide(risk, year: 2021).findings.contains { $0.rule == "FR004" }, "\(mlr)")
    }
}

/// Issue 19, correction 12: from PY2020 expected expenditures above what the participants would spend
/// without the arrangement are not considered; risk is assessed against that spending (interpretation).
@Suite struct ExpectedExpendituresCapTests {
    func worked(counterfactual: String?) -> FinancialRiskTerms {
        var risk = terms(expected: "10000000", bands: [("0", "2", "0"), ("2", "8", "40"), ("8", "15.2", "25")], stopLoss: "15.2")
        risk.counterfactualExpenditures = counterfactual.map { Located(decimal($0), at: risk.location) }
        return risk
    }

    @Test func aBenchmarkAboveCounterfactualSpendingIsCappedFromPY2020() throws {
        // No cap in PY2019, and none without a counterfactual: the worked example's figures.
        #expect(try analysis(worked(counterfactual: "9500000"), year: 2019).expectedExpenditures == 10_000_000)
        #expect(try analysis(worked(counterfactual: nil), year: 2021).averageRatePercent == decimal("34.375"))
        // PY2021, C = $9.5M: R = $285,000, reached when spending is $980,000 over the benchmark, that is
        // $1,480,000 over C (u = 15.5789…%); nothing is owed up to $500,000 over C, so the average over
        // (4%, u] is $285,000 / $1,100,000 = 25.909…%: not met.
        let capped = try analysis(worked(counterfactual: "9500000"), year: 2021)
        #expect(capped.expectedExpenditures == 9_500_000)
        #expect(capped.cappedBenchmark == 10_000_000)
        #expect(capped.requirementPercent == 3)
        #expect(capped.dollars(capped.requirementPercent) == 285_000)
        #expect(capped.curve.value(at: decimal("5.2631578947")) == 0)
        #expect(capped.averageRatePercent.rounded(4) == decimal("25.9091"))
        #expect(capped.dollars(capped.maximumLiabilityPercent ?? 0).rounded(2) == 420_000)
        // A counterfactual at or above the benchmark changes nothing.
        #expect(try analysis(worked(counterfactual: "10000000"), year: 2021).averageRatePercent == decimal("34.375"))
    }
}

/// Issue 19, schema 1.1 additions: the PY2020 outcome transition, upside-only said faithfully, and a
/// Medicaid managed care plan as submitter.
@Suite struct SchemaOnePointOneTests {
    let engine = DeterminationEngine()

    @Test func anArrangementDeterminedBy2020KeepsThePY2019OutcomeRuleForPY2020() throws {
        func single(determined: CalendarDate?) throws -> Submission {
            var submission = try loadSample("samples/not-approved/QM003-single-outcome-measure-2021.xml")
            submission.performanceYears = [Located(2020, at: submission.location)]
            submission.submissionDate = Located(CalendarDate(year: 2019, month: 5, day: 14), at: submission.location)
            submission.arrangement.startDate = Located(CalendarDate(year: 2020, month: 1, day: 1), at: submission.location)
            submission.arrangement.previouslyDetermined = determined.map { Located($0, at: submission.location) }
            return submission
        }
        let earlier = engine.determine(try single(determined: CalendarDate(year: 2020, month: 1, day: 1)), year: 2020)
        #expect(!earlier.findings.contains { $0.rule == "QM003" }, "\(earlier.findings.map(\.message))")
        let later = engine.determine(try single(determined: CalendarDate(year: 2020, month: 1, day: 2)), year: 2020)
        #expect(later.findings.contains { $0.rule == "QM003" })
        #expect(engine.determine(try single(determined: nil), year: 2020).findings.contains { $0.rule == "QM003" })
    }

    @Test func sharedSavingsIsUpsideOnly() throws {
        var submission = try loadSample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml")
        submission.arrangement.financialRisk?.mechanisms = [.sharedSavings]
        let result = engine.determine(submission, year: 2024)
        #expect(result.findings.contains { $0.rule == "FR001" && $0.message.contains("shared savings") })
    }

    @Test func aMedicaidManagedCarePlanMayNotMakeATitleXIXPayerInitiatedRequest() throws {
        var submission = try loadSample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml")
        submission.submitter.type = .medicaidManagedCarePlan
        let result = engine.determine(submission, year: 2024)
        #expect(result.findings.contains { $0.rule == "SUB001" && $0.message.contains("medicaid-managed-care-plan") })
    }

    @Test func everyOnePointZeroSampleStillValidatesAsItIs() throws {
        let loader = try SubmissionLoader()
        for folder in ["approved", "not-approved", "findings"] {
            let directory = repositoryPath("samples/\(folder)")
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".xml") {
                #expect(try loader.validate(path: directory + "/" + name).isEmpty, "\(folder)/\(name)")
            }
        }
    }
}
