import OPAPMLaw
import OPAPMModel

/// SUB009: the certification is made by someone able to bind the payer or APM Entity.
public struct CertifierAuthority: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB009",
        title: "Certifying individual's authority to bind",
        severity: .note,
        citation: "42 CFR 414.1445(d)",
        summary: """
            The requester certifies with the submission that it is true, accurate and complete, signed by an \
            individual with authority to bind the payer or APM Entity (PY2018 on). Schema 1.1 has \
            attestation/authority for what gives the signer that authority (an office, a delegation); a 1.1 \
            submission without it gets this note, so that the reviewers ask. A 1.0 file cannot state it and \
            gets none.
            """,
        rationale: """
            A certification binds only when its signer can bind the submitter; reviewers check that before \
            relying on the submission.
            """,
        help: "state attestation/authority: the office or delegation that lets the signer bind the submitter",
        passing: [RuleExample("samples/approved/other-payer-aligned-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/findings/SUB009-certifier-authority-not-stated.xml", year: 2024, at: "/submission/attestation")])

    public func check(_ context: RuleContext) -> [Violation] {
        let submission = context.submission
        guard submission.version != "1.0", submission.attestation.authority == nil else { return [] }
        return [Violation(
            "certified by \(submission.attestation.name) (\(submission.attestation.title)) "
                + "without saying what gives the authority to bind the submitter: reviewers confirm it",
            at: submission.attestation.location == .unknown ? submission.location : submission.attestation.location)]
    }
}
