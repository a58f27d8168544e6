import ArgumentParser
import OPAPMCore
import OPAPMReporting

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate submission files against the submission schema.",
        usage: "opapm validate [<options>] <paths> ...",
        discussion: "Exit status: 0 all valid, 1 any invalid, 2 usage error or unreadable input.")

    @Argument(help: "Submission files or directories (searched for *.xml).")
    var paths: [String]

    @OptionGroup var limits: LimitOptions

    @OptionGroup var lawOption: LawOption

    func run() throws {
        let files = try CommandSupport.files(paths, jobs: limits.jobs)
        let loader = try CommandSupport.loader(limits)
        let outcomes = loader.validate(files, jobs: limits.jobs)
        print(ValidationTextReport.render(outcomes), terminator: "")
        if outcomes.contains(where: { $0.readError != nil }) { throw ExitCode(2) }
        if outcomes.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }
}
