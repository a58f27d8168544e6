import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules
import OPAPMXML

/// The parse tree's element paths are the model's deferred paths: a value read from a document keeps
/// its element's place and writes the path only if a finding shows it.
extension XMLElementPath: DeferredPath {}
