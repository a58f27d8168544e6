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

    @Argument(help: "A rule id such as CEHRT001.")
    var id: String

    func run() throws {
        guard let rule = RuleRegistry.rule(id: id) else {
            throw CommandSupport.fail("no rule \(id); `opapm rules` lists them")
        }
        print(RuleDocumentation.page(rule.description), terminator: "")
    }
}
