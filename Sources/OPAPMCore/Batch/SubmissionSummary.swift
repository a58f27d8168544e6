import Foundation

/// What the steps that look across the files of a run need of a loaded submission: the duplicate
/// check (arrangement, submission date, place) and the approved list (payer, arrangement, years,
/// process). Small enough to keep for every file of a large batch after the submission is let go.
public struct SubmissionSummary: Sendable, Hashable {
    public var arrangementId: String
    public var arrangementName: String
    public var submissionDate: CalendarDate
    /// Where the arrangement is in the file, its path written.
    public var location: SourceLocation
    public var group: PayerGroup
    public var payerName: String
    public var payerType: String
    public var states: [String]
    public var process: String
    /// Every performance year the submission covers.
    public var performanceYears: [Int]

    init(_ submission: Submission) {
        arrangementId = submission.arrangement.id
        arrangementName = submission.arrangement.name
        submissionDate = submission.submissionDate.value
        // Written now: a path still to be written would hold the file's whole element table.
        let place = submission.arrangement.location
        location = SourceLocation(line: place.line, column: place.column, path: place.path)
        group = PayerGroup.of(submission)
        payerName = submission.payer.name
        payerType = submission.payer.type.rawValue
        states = submission.payer.states
        process = submission.process.rawValue
        performanceYears = submission.performanceYears.map(\.value)
    }
}
