import ArgumentParser
import OPAPMCore
import OPAPMReporting

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule.")

    func run() {
        print(RuleDocumentation.table(), terminator: "")
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Describe one rule in full.")

    @Argument(help: "A rule id such as CEHRT001, or a QP finding id such as QP006.")
    var id: String

    func run() throws {
        if let rule = RuleRegistry.rule(id: id) {
            print(RuleDocumentation.page(rule.description), terminator: "")
        } else if let finding = QPDataChecks.descriptions.first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame }) {
            print(RuleDocumentation.page(finding), terminator: "")
        } else {
            throw CommandSupport.fail("no rule \(DisplayText.safe(id)); `opapm rules` lists them")
        }
    }
}
