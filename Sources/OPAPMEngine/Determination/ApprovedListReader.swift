import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

/// Arrangement ids by performance year from an approved-arrangement list in JSON (see `ApprovedList`).
public enum ApprovedListReader {
    public static func arrangementIds(path: String) throws(JSONFile.Failure) -> [Int: Set<String>] {
        let list = try ApprovedList.load(path: path)
        return [list.performanceYear: list.arrangementIds]
    }
}

extension ApprovedList {
    /// An approved list read from a JSON file (`check --approved`, `qp --approved`), bounded in size.
    public static func load(path: String) throws(JSONFile.Failure) -> ApprovedList {
        try JSONFile.decode(ApprovedList.self, path: path, what: "an approved list (JSON)")
    }
}
