// `import OPAPMCore` brings every stage of the domain, for the reporters, the command line and users of
// the library product. A stage itself imports only the stages it builds on (Package.swift).
@_exported import OPAPMEngine
@_exported import OPAPMLaw
@_exported import OPAPMModel
@_exported import OPAPMPublishing
@_exported import OPAPMQP
@_exported import OPAPMRules
@_exported import OPAPMFiles
