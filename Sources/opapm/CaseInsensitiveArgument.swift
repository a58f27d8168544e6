import ArgumentParser

/// `--format JSON` is `--format json`: format names are words, not case-sensitive codes.
protocol CaseInsensitiveArgument: ExpressibleByArgument, RawRepresentable where RawValue == String {}

extension CaseInsensitiveArgument {
    init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
