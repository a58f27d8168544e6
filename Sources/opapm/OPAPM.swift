import ArgumentParser

@main
struct OPAPM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opapm",
        abstract: "Decide whether payer arrangements are Other Payer Advanced APMs (42 CFR 414.1420).",
        version: "0.1.0",
        subcommands: [ValidateCommand.self])
}
