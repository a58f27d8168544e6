import Foundation

/// Figures no participant can have: they are errors with ids of their own, never a score.
/// QP001 a part larger than its total; QP002 a snapshot given twice for one participant; QP003 a
/// participant id given twice.
public enum QPDataChecks {
    public struct Problem: Sendable, Hashable {
        public var id: String
        public var message: String
    }

    public static let ids: [(id: String, title: String)] = [
        ("QP001", "A part is larger than its total"),
        ("QP002", "A snapshot is given twice for one participant"),
        ("QP003", "A participant is given twice"),
    ]

    public static func problems(_ participants: [QPParticipant]) -> [Problem] {
        var problems: [Problem] = []
        var seen = Set<String>()
        for participant in participants {
            let who = "participant \(participant.id)"
            if !seen.insert(participant.id).inserted {
                problems.append(Problem(id: "QP003", message: "\(who) is given more than once; the figures of one would silently win"))
            }
            var snapshots = Set<QPSnapshot>()
            for data in participant.snapshots {
                let at = "\(who), \(data.snapshot.rawValue)"
                if !snapshots.insert(data.snapshot).inserted {
                    problems.append(Problem(id: "QP002", message: "\(at) is given more than once"))
                }
                problems += partExceeds("Medicare Advanced APM", data.medicareAdvancedAPM, total: data.medicareTotal, at: at)
                for payer in data.otherPayers {
                    let label = payer.arrangementId.map { "arrangement \($0)" } ?? payer.payerType
                    problems += partExceeds(label, payer.through, total: payer.total, at: at)
                }
            }
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
