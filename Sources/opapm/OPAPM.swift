import Foundation
import ArgumentParser

@main
struct OPAPM: ParsableCommand {
    /// Runs the command, mapping ArgumentParser's usage status (64) to opapm's 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "opapm",
        abstract: "Decide whether payer arrangements are Other Payer Advanced APMs (42 CFR 414.1420).",
        version: "0.1.0",
        subcommands: [ValidateCommand.self, CheckCommand.self, LintCommand.self, PublishCommand.self, QPCommand.self, LawCommand.self, RulesCommand.self, ExplainCommand.self, GenerateCommand.self])
}
