import Foundation
import ArgumentParser
import OPAPMCore

@main
struct OPAPM: ParsableCommand {
    /// Runs the command, mapping ArgumentParser's usage status (64) to opapm's 2.
    static func main() {
        refuseUnknownSubcommand(Array(CommandLine.arguments.dropFirst()))
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

    /// `opapm chek` and `opapm help chek`: name the subcommand meant, not "2 unexpected arguments".
    static func refuseUnknownSubcommand(_ arguments: [String]) {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        var word = arguments.first
        if word == "help", arguments.count > 1 { word = arguments[1] }
        guard let word, !word.hasPrefix("-"), !names.contains(word) else { return }
        let visible = configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
        let nearest = visible.min { editDistance(word, $0) < editDistance(word, $1) }
        var message = "opapm: error: unknown command '\(DisplayText.safe(word))'"
        if let nearest, editDistance(word, nearest) <= max(2, nearest.count / 3) { message += "; did you mean '\(nearest)'?" }
        message += " (commands: \(visible.joined(separator: ", ")))\n"
        FileHandle.standardError.write(Data(message.utf8))
        Foundation.exit(2)
    }

    /// Levenshtein distance, for did-you-mean.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    static let configuration = CommandConfiguration(
        commandName: "opapm",
        abstract: "Decide whether payer arrangements are Other Payer Advanced APMs (42 CFR 414.1420).",
        version: "0.1.0",
        subcommands: [ValidateCommand.self, CheckCommand.self, LintCommand.self, PublishCommand.self, QPCommand.self, LawCommand.self, RulesCommand.self, ExplainCommand.self, ConvertCommand.self, ServeCommand.self, GenerateCommand.self])
}
