import Foundation
import OPAPMEngine
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMPublishing
import OPAPMRules

/// Figures no participant can have: they are errors with ids of their own, never a score.
/// QP001 a part larger than its total; QP002 a snapshot given twice for one participant; QP003 a
/// participant id given twice; QP004 a TIN not wholly in one APM Entity; QP005 group figures for an APM
/// Entity. QP006 (late) and QP007 (not certified) are found per determination (`QPCalculator`).
public enum QPDataChecks {
    public struct Problem: Sendable, Hashable {
        public var id: String
        public var message: String
    }

    /// One QP finding id, as its docs page (docs/rules/QPnnn.md) and `opapm explain` describe it.
    public struct Description: Sendable, Hashable {
        public var id: String
        public var title: String
        public var citation: String
        public var summary: String
        public var help: String
    }

    /// Every QP finding id: QP001–QP005 stop the run, QP006 and QP007 stop the All-Payer option for the file.
    public static let descriptions: [Description] = [
        Description(
            id: "QP001", title: "A part is larger than its total", citation: "42 CFR 414.1430, 414.1440(b)–(c)",
            summary: "Payments or patients through Advanced APMs (or through an arrangement) exceed the total they are part of: "
                + "the score would pass 100%. The run stops (exit 1) and no score is reported.",
            help: "correct the figures: the part is within its total"),
        Description(
            id: "QP002", title: "A snapshot is given twice for one participant", citation: "42 CFR 414.1440(d)(1)",
            summary: "A participant (or its APM Entity group) gives the same snapshot date twice: one set of figures would "
                + "silently win. The run stops (exit 1).",
            help: "give each of march-31, june-30 and august-31 at most once"),
        Description(
            id: "QP003", title: "A participant is given twice", citation: "42 CFR 414.1425, 414.1440",
            summary: "Two participants share an id: one would silently win. The run stops (exit 1).",
            help: "give each participant once, with all its snapshots"),
        Description(
            id: "QP004", title: "A TIN assessed as a TIN whose clinicians are not all in one APM Entity",
            citation: "42 CFR 414.1440(d)(2)",
            summary: "The All-Payer Combination Option assesses at the TIN level only when every clinician who reassigned "
                + "billing to the TIN is in one APM Entity; QP data 1.1 says so with allCliniciansInOneAPMEntity. A TIN "
                + "stated not to be stops the run (exit 1); one that does not say is assessed with a note.",
            help: "assess the TIN's clinicians individually (level eligible-clinician), or the APM Entity"),
        Description(
            id: "QP005", title: "APM Entity group figures for an APM Entity", citation: "42 CFR 414.1425(b), 414.1440(d)(3)",
            summary: "apmEntityGroup gives the group's Medicare figures for an eligible clinician or TIN assessed on its own; "
                + "an APM Entity is the group. The run stops (exit 1).",
            help: "drop apmEntityGroup from the APM Entity, or assess its clinicians individually"),
        Description(
            id: "QP006", title: "Other-payer data submitted after the deadline", citation: "42 CFR 414.1440(e)(2)",
            summary: "QP data 1.1 gives its submissionDate; other-payer data is due December 1 of the performance year (the "
                + "law file's qpDataDeadline). Late data gets no All-Payer determination: the Medicare Option is still "
                + "decided, and the exit status is 1.",
            help: "submit the other-payer data by December 1 of the performance year"),
        Description(
            id: "QP007", title: "Other-payer data not certified", citation: "42 CFR 414.1440(f)",
            summary: "A QP data 1.1 file carries the certification that it is true, accurate and complete, by someone able to "
                + "bind the submitter (name, title, authority, date). Without it there is no All-Payer determination; the "
                + "Medicare Option is still decided, and the exit status is 1. A 1.0 file cannot state it and gets a note.",
            help: "add certification (name, title, authority, date) to the QP data"),
    ]

    public static func problems(_ participants: [QPParticipant]) -> [Problem] {
        var problems: [Problem] = []
        var seen = Set<String>()
        for participant in participants {
            let who = "participant \(participant.id)"
            if !seen.insert(participant.id).inserted {
                problems.append(Problem(id: "QP003", message: "\(who) is given more than once; the figures of one would silently win"))
            }
            if participant.level == .tin, participant.allCliniciansInOneAPMEntity == false {
                problems.append(Problem(id: "QP004", message: "\(who): a TIN is assessed as a TIN only when every clinician who reassigned "
                    + "billing to it is in one APM Entity (42 CFR 414.1440(d)(2)); assess its clinicians individually"))
            }
            if let group = participant.entityGroup {
                if participant.level == .apmEntity {
                    problems.append(Problem(id: "QP005", message: "\(who) is an APM Entity: apmEntityGroup is for an eligible clinician or TIN in one"))
                }
                problems += medicare(group.snapshots.map { ($0.snapshot, $0.medicareAdvancedAPM, $0.medicareTotal) },
                    of: "\(who), APM Entity group \(group.id)")
            }
            problems += medicare(participant.snapshots.map { ($0.snapshot, $0.medicareAdvancedAPM, $0.medicareTotal) }, of: who)
            for data in participant.snapshots {
                let at = "\(who), \(data.snapshot.rawValue)"
                for payer in data.otherPayers {
                    let label = payer.arrangementId.map { "arrangement \($0)" } ?? payer.payerType
                    problems += partExceeds(label, payer.through, total: payer.total, at: at)
                }
            }
        }
        return problems
    }

    /// QP002 and QP001 for one set of Medicare figures by snapshot: a date given twice, a part over its total.
    private static func medicare(_ snapshots: [(QPSnapshot, QPAmounts, QPAmounts)], of who: String) -> [Problem] {
        var problems: [Problem] = []
        var seen = Set<QPSnapshot>()
        for (snapshot, advanced, total) in snapshots {
            let at = "\(who), \(snapshot.rawValue)"
            if !seen.insert(snapshot).inserted { problems.append(Problem(id: "QP002", message: "\(at) is given more than once")) }
            problems += partExceeds("Medicare Advanced APM", advanced, total: total, at: at)
        }
        return problems
    }

    private static func partExceeds(_ label: String, _ part: QPAmounts, total: QPAmounts, at: String) -> [Problem] {
        var problems: [Problem] = []
        if part.payments > total.payments {
            problems.append(Problem(id: "QP001", message: "\(at): \(label) payments \(part.payments.dollarText) exceed the total \(total.payments.dollarText)"))
        }
        if part.patients > total.patients {
            problems.append(Problem(id: "QP001", message: "\(at): \(label) patients \(part.patients) exceed the total \(total.patients)"))
        }
        return problems
    }
}
