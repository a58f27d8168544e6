import ArgumentParser
import OPAPMCore

/// `--law FILE`, on every command: decide by a newer law file instead of the built-in one, so a new
/// year or a statute needs no new release. Loaded and checked whole before the command looks at a year.
struct LawOption: ParsableArguments {
    @Option(help: "A law file (the format of law/opapm-law.json) to use instead of the built-in law.")
    var law: String?

    func validate() throws {
        guard let law else { return }
        do {
            ActiveLaw.use(try Law.load(path: law))
        } catch {
            throw ValidationError(error.description)
        }
    }
}
