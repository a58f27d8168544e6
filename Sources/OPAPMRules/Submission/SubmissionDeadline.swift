import OPAPMLaw
import OPAPMModel

/// SUB004: the request was made by the deadline for its payer type and process.
public struct SubmissionDeadline: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB004",
        title: "Submitted by the deadline for its payer type and process",
        severity: .error,
        citation: "42 CFR 414.1445(a), (b)",
        summary: """
            In the year before the first performance year requested, Payer Initiated: Title XIX by the State \
            Medicaid agency by 1 April, Medicare Health Plans by the Medicare Advantage bid deadline (first \
            Monday in June), payers aligned with a CMS Multi-Payer Model by 30 June (PY2019), other payers by \
            1 June (PY2020 on, from CMS's forms); Eligible Clinician Initiated: Title XIX by 1 November. Other \
            Eligible Clinician Initiated requests by 1 December of the performance year. The dates come from \
            the law file; the message names the one used.
            """,
        rationale: """
            CMS does not review a request made after its deadline (the law file's lateRequestsReviewed): a late \
            request is never approved and never published.
            """,
        help: "check the submission date; a late request waits for the next cycle",
        passing: [RuleExample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB004-late-payer-submission.xml", year: 2024, at: "/submission/submissionDate")],
        law: [.lateRequestsReviewed])

    /// The law key of the deadline for a request of `process` for a `group` arrangement; nil when the
    /// route does not exist. A payer-initiated request of another payer aligned with a CMS Multi-Payer
    /// Model uses that route where the year has it.
    public static func deadlineKey(process: SubmissionProcess, group: PayerType.Group, alignedWithModel: Bool,
        parameters: PerformanceYearParameters) -> LawKey
    {
        switch (process, group) {
        case (.payerInitiated, .titleXIX): return .deadlineTitleXIXPayerInitiated
        case (.payerInitiated, .medicareHealthPlan): return .deadlineMedicareHealthPlanPayerInitiated
        case (.payerInitiated, .otherPayer):
            let aligned = parameters.deadlines[.deadlineMultiPayerModelPayerInitiated]?.value != nil
            return alignedWithModel && aligned ? .deadlineMultiPayerModelPayerInitiated : .deadlineOtherPayerPayerInitiated
        case (.clinicianInitiated, .titleXIX): return .deadlineTitleXIXClinicianInitiated
        case (.clinicianInitiated, _): return .deadlineOtherClinicianInitiated
        }
    }

    public func check(_ context: RuleContext) -> [Violation] {
        let submission = context.submission
        let firstYear = submission.performanceYears.map(\.value).min() ?? context.year
        // The deadline of the year the request is made for: its first year's law.
        guard let parameters = firstYear == context.year ? context.parameters : try? PerformanceYearTable.parameters(for: firstYear)
        else { return [] }
        let key = Self.deadlineKey(
            process: submission.process, group: submission.payer.type.group,
            alignedWithModel: submission.arrangement.multiPayerModel != nil, parameters: parameters)
        // No such route that year: SUB001 says so.
        guard let entry = parameters.deadlines[key], let deadline = entry.value else { return [] }
        let closes = deadline.date(for: firstYear)
        let date = submission.submissionDate.value
        guard date > closes else { return [] }
        let reviewed = parameters.lateRequestsReviewed
        return [Violation(
            "submitted \(date), after the deadline \(closes) (\(entry.source)); "
                + (reviewed.value ? "CMS may still review it" : "CMS does not review a late request"),
            at: submission.submissionDate.location, severity: reviewed.value ? .warning : nil, law: [key, .lateRequestsReviewed])]
    }
}
