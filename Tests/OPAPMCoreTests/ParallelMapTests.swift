import Testing

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMFiles
@testable import OPAPMLaw
@testable import OPAPMModel
@testable import OPAPMPublishing
@testable import OPAPMQP
@testable import OPAPMRules

/// Results land in input order, whatever the number of threads, each made exactly once.
@Suite struct ParallelMapTests {
    final class Counted: Sendable {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    @Test(arguments: [1, 2, 3, 8])
    func resultsKeepInputOrder(jobs: Int) {
        let input = Array(0..<5_000)
        let output = input.parallelMap(jobs: jobs) { Counted($0 * 3) }
        #expect(output.count == input.count)
        #expect(output.map(\.value) == input.map { $0 * 3 })
        #expect(Set(output.map(ObjectIdentifier.init)).count == input.count)
    }

    @Test func emptyAndSingleInputs() {
        #expect([Int]().parallelMap(jobs: 4) { $0 }.isEmpty)
        #expect([7].parallelMap(jobs: 4) { "\($0)" } == ["7"])
    }
}
