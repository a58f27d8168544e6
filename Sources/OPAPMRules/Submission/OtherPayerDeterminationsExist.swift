import OPAPMLaw
import OPAPMModel

/// SUB008: the performance year has Other Payer Advanced APM determinations at all.
public struct OtherPayerDeterminationsExist: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB008",
        title: "The performance year has Other Payer Advanced APM determinations",
        severity: .error,
        citation: "42 CFR 414.1425(f)(1); 414.1445(a)",
        summary: """
            PY2019 is the first QP Performance Period of the All-Payer Combination Option; PY2017 and PY2018 had \
            the Medicare Option only. A submission for an earlier year is never approved (the law file's \
            otherPayerDeterminations).
            """,
        rationale: """
            Payment years 2019 and 2020 (PY2017–2018) determine QP status by Medicare Advanced APMs alone: no \
            other payer arrangement was ever determined for them, so no determination can be given.
            """,
        help: "request the determination for PY2019 or later",
        passing: [RuleExample("samples/approved/medicare-advantage-full-capitation.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB008-medicare-advantage-capitation-2018.xml", year: 2018, at: "/submission/performanceYears/year")],
        law: [.otherPayerDeterminations])

    public func check(_ context: RuleContext) -> [Violation] {
        let determinations = context.parameters.otherPayerDeterminations
        guard !determinations.value else { return [] }
        let location = context.submission.performanceYears.first { $0.value == context.year }?.location ?? context.submission.location
        return [Violation(
            "no Other Payer Advanced APM determinations exist for performance year \(context.year) (\(determinations.source)); "
                + "the first is PY2019", at: location)]
    }
}
