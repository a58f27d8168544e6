import Foundation

/// Arrangement ids by performance year from an approved-arrangement list in JSON (see `ApprovedList`).
public enum ApprovedListReader {
    public static func arrangementIds(path: String) throws(JSONFile.Failure) -> [Int: Set<String>] {
        let list = try ApprovedList.load(path: path)
        return [list.performanceYear: list.arrangementIds]
    }
}
