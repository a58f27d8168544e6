import OPAPMLaw
import OPAPMModel

/// INP008: the counties a Title XIX arrangement is available in lie in the payer's states.
public struct CountiesInPayerStates: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "INP008",
        title: "Counties lie in the payer's states",
        severity: .error,
        citation: "42 CFR 414.1440(a)(2) (the county rule), 414.1445 (information sufficient to assess each criterion)",
        summary: """
            Schema 1.1 lets a Title XIX submission name the counties (five-digit FIPS codes) where the \
            arrangement is available; the approved list carries them, and `opapm qp` counts a clinician's \
            Title XIX figures only where an approved arrangement is available in the county where the clinician \
            sees the most patients. Each county must lie in one of the payer's states (its first two digits are \
            the state's FIPS code). Counties on another payer's submission mean nothing and get a note.
            """,
        rationale: """
            A county outside the payer's states would put the arrangement on the list where it is not offered, \
            and count clinicians' Medicaid figures where they should not count.
            """,
        help: "correct the county code or the payer's states; list counties only for a Medicaid arrangement",
        passing: [RuleExample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/INP008-county-outside-the-payer-states.xml", year: 2024, at: "/submission/payer/counties/county[2]")])

    public func check(_ context: RuleContext) -> [Violation] {
        let payer = context.submission.payer
        guard !payer.counties.isEmpty else { return [] }
        guard payer.type.isTitleXIX else {
            return [Violation(
                "counties are given for a '\(payer.type.rawValue)' payer: they are read only for Title XIX arrangements",
                at: payer.counties[0].location, severity: .note)]
        }
        let states = payer.states.joined(separator: ", ")
        return payer.counties.compactMap { county in
            let state = StateFIPS.state(ofCounty: county.value)
            guard let state else {
                return Violation("county \(county.value) has no state FIPS code \(county.value.prefix(2))", at: county.location)
            }
            guard !payer.states.contains(state) else { return nil }
            return Violation("county \(county.value) lies in \(state), not in the payer's states (\(states))", at: county.location)
        }
    }
}
