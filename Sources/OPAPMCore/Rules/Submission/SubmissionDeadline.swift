/// SUB004: the request was made by the deadline for its payer type and process.
public struct SubmissionDeadline: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB004",
        title: "Submitted by the deadline for its payer type and process",
        severity: .warning,
        citation: "42 CFR 414.1445(b), (c)",
        summary: """
            Payer Initiated, in the year before the first performance year covered: Title XIX by 1 April, \
            Medicare Health Plans by the Medicare Advantage bid deadline (first Monday in June), other payers \
            by 1 June. Eligible Clinician Initiated: Title XIX during the year before; other payers by \
            1 December of the performance year (unconfirmed after 2017). The message names the dates used.
            """,
        rationale: """
            CMS does not review forms that miss the deadline. The dates are reported as a warning, with the \
            dates used, because some were confirmed only for early cycles.
            """,
        help: "check the submission date; a late request waits for the next cycle",
        passing: [RuleExample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml", year: 2024)],
        failing: [RuleExample("samples/findings/SUB004-late-payer-submission.xml", year: 2024)])

    /// The window in which a request for `firstYear` is on time, with the basis of its end date.
    public static func window(process: SubmissionProcess, group: PayerType.Group, firstYear: Int)
        -> (opens: CalendarDate?, closes: CalendarDate, basis: String)
    {
        let prior = firstYear - 1
        switch (process, group) {
        case (.payerInitiated, .titleXIX):
            return (nil, CalendarDate(year: prior, month: 4, day: 1), "Title XIX payer-initiated: 1 April of the prior year")
        case (.payerInitiated, .medicareHealthPlan):
            return (nil, CalendarDate.firstMonday(ofMonth: 6, year: prior),
                "Medicare Health Plan: Medicare Advantage bid deadline, first Monday in June of the prior year")
        case (.payerInitiated, .otherPayer):
            return (nil, CalendarDate(year: prior, month: 6, day: 1), "other payer: 1 June of the prior year")
        case (.clinicianInitiated, .titleXIX):
            return (CalendarDate(year: prior, month: 1, day: 1), CalendarDate(year: prior, month: 12, day: 31),
                "clinician-initiated Title XIX: during the prior year")
        case (.clinicianInitiated, _):
            return (nil, CalendarDate(year: firstYear, month: 12, day: 1),
                "clinician-initiated, other payers: 1 December of the performance year (unconfirmed after 2017)")
        }
    }

    public func check(_ context: RuleContext) -> [Violation] {
        let submission = context.submission
        let firstYear = submission.performanceYears.map(\.value).min() ?? context.year
        let window = Self.window(process: submission.process, group: submission.payer.type.group, firstYear: firstYear)
        let date = submission.submissionDate.value
        if date > window.closes {
            return [Violation(
                "submitted \(date), after the deadline \(window.closes) (\(window.basis))",
                at: submission.submissionDate.location)]
        }
        if let opens = window.opens, date < opens {
            return [Violation(
                "submitted \(date), before the window opens \(opens) (\(window.basis))",
                at: submission.submissionDate.location)]
        }
        return []
    }
}
