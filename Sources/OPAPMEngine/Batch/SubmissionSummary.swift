import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

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
    /// Title XIX counties where the arrangement is available (schema 1.1); nil: statewide or not Title XIX.
    public var counties: [String]?
    public var process: String
    /// Every performance year the submission covers.
    public var performanceYears: [Int]
    /// The medical-home characteristics as stated, for the HTML report's checklist (plain values, so
    /// that no part of the parse tree is kept with them).
    public var medicalHome: MedicalHomeChecklist?

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
        let counties = submission.payer.counties.map(\.value)
        self.counties = submission.payer.type.isTitleXIX && !counties.isEmpty ? Array(Set(counties)).sorted() : nil
        process = submission.process.rawValue
        performanceYears = submission.performanceYears.map(\.value)
        medicalHome = submission.arrangement.medicalHome.map(MedicalHomeChecklist.init)
    }
}

/// What a medical home states of each characteristic of 414.1420(d)(2)'s Medical Home Model.
public struct MedicalHomeChecklist: Sendable, Hashable {
    public var primaryCare: Bool
    public var empanelment: Bool
    public var elements: [MedicalHomeElement: Bool]

    init(_ terms: MedicalHomeTerms) {
        primaryCare = terms.primaryCare.value
        empanelment = terms.empanelment.value
        elements = terms.elements.mapValues(\.value)
    }

    /// Elements stated as met, in the regulation's order.
    public var elementsMet: [MedicalHomeElement] { MedicalHomeElement.allCases.filter { elements[$0] == true } }
}
