import ArgumentParser
import OPAPMCore
import OPAPMReporting

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every finding id: the rules, then the XML, file, batch and QP findings.")

    func run() {
        print(RuleDocumentation.table(), terminator: "")
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Describe one finding id in full: a rule or an XML, file, batch or QP finding.")

    @Argument(help: "A finding id such as CEHRT001, XSD001 or QP006.")
    var id: String

    func run() throws {
        guard let entry = FindingCatalogue.entry(id) else {
            throw CommandSupport.fail("no finding id \(DisplayText.safe(id)); `opapm rules` lists them")
        }
        print(RuleDocumentation.page(entry), terminator: "")
    }
}
