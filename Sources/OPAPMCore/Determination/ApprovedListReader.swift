import Foundation

/// Reads the arrangement ids, by performance year, from an approved-arrangement list in JSON:
/// `{"performanceYear": 2024, "arrangements": [{"arrangementId": "..."}]}` (the list `publish` writes).
public enum ApprovedListReader {
    struct List: Decodable {
        struct Row: Decodable { var arrangementId: String }
        var performanceYear: Int
        var arrangements: [Row]
    }

    public static func arrangementIds(path: String) throws -> [Int: Set<String>] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let list = try JSONDecoder().decode(List.self, from: data)
        return [list.performanceYear: Set(list.arrangements.map(\.arrangementId))]
    }
}
