import Foundation

/// Realistic, valid submissions for benchmarks and load tests (`opapm generate`): any number of files,
/// any roster size, every payer type, the same bytes for the same seed.
public struct SubmissionGenerator {
    public var count: Int
    public var roster: Int
    public var seed: UInt64

    public init(count: Int, roster: Int, seed: UInt64) {
        self.count = count
        self.roster = roster
        self.seed = seed
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Writes `submission-N.xml` files into `out` (created if missing); only new files.
    public func write(into out: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create \(out): \(error.localizedDescription)")
        }
        var random = SplitMix64(seed: seed)
        let width = String(count).count
        for index in 0..<count {
            let number = String(index)
            let name = "submission-" + String(repeating: "0", count: width - number.count) + number + ".xml"
            let path = (out as NSString).appendingPathComponent(name)
            // Only new files: a generated batch never replaces a file someone else wrote.
            guard !FileManager.default.fileExists(atPath: path) else {
                throw Failure(description: "\(path) exists; generate writes only new files (give an empty --out)")
            }
            guard let stream = OutputStream(toFileAtPath: path, append: false) else {
                throw Failure(description: "cannot write \(path)")
            }
            stream.open()
            defer { stream.close() }
            let writer = ChunkWriter(stream: stream)
            SubmissionTemplate(index: index, kind: index % SubmissionTemplate.kinds, roster: roster).write(to: writer, random: &random)
            writer.flush()
        }
    }
}

/// SplitMix64: a small, well-known generator; enough for varied, repeatable test data.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Buffers text and writes it in large chunks, so a gigabyte roster never sits in memory.
final class ChunkWriter {
    private let stream: OutputStream
    private var buffer: [UInt8] = []

    init(stream: OutputStream) {
        self.stream = stream
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { pointer in
            var offset = 0
            while offset < pointer.count {
                guard let base = pointer.baseAddress else { return }
                let written = stream.write(base + offset, maxLength: pointer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One generated submission; `kind` cycles through every payer type and financial-risk route.
struct SubmissionTemplate {
    static let kinds = 9
    let index: Int
    let kind: Int
    let roster: Int

    /// (payer type, submitter type, payer name, state, arrangement kind)
    var profile: (String, String, String, String, String) {
        switch kind {
        case 0: return ("medicaid-ffs", "state-medicaid-agency", "State Medicaid Agency", "CO", "total-cost-of-care")
        case 1: return ("medicaid-managed-care", "state-medicaid-agency", "State Medicaid Managed Care", "OR", "medical-home")
        case 2: return ("medicare-advantage", "medicare-health-plan", "Generated Medicare Advantage Plan", "FL", "full-capitation")
        case 3: return ("medicare-medicaid-plan", "medicare-health-plan", "Generated Dual Plan", "NY", "total-cost-of-care")
        case 4: return ("cost-plan-1876", "medicare-health-plan", "Generated 1876 Cost Plan", "MN", "episode")
        case 5: return ("cost-plan-1833", "medicare-health-plan", "Generated 1833 Cost Plan", "IA", "total-cost-of-care")
        case 6: return ("pace", "medicare-health-plan", "Generated PACE Organization", "CA", "total-cost-of-care")
        case 7: return ("commercial", "payer", "Generated Commercial Payer", "MI", "total-cost-of-care")
        default: return ("other", "payer", "Generated Employer Coalition", "PA", "total-cost-of-care")
        }
    }

    func write(to out: ChunkWriter, random: inout SplitMix64) {
        let (payerType, submitter, payerName, state, arrangementKind) = profile
        let medicaid = payerType.hasPrefix("medicaid")
        let date = medicaid ? "2023-03-15" : "2023-05-25"
        let id = "GEN-\(index)"
        out.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <submission xmlns="urn:opapm:submission:1" version="1.0">
              <id>SUB-\(id)</id>
              <process>payer-initiated</process>
              <submitter type="\(submitter)"><name>\(payerName) \(index)</name></submitter>
              <payer><name>\(payerName) \(index)</name><type>\(payerType)</type><states><state>\(state)</state></states></payer>
              <submissionDate>\(date)</submissionDate>
              <performanceYears><year>2024</year></performanceYears>
              <contact><name>Generated Contact</name><email>contact\(index)@example.org</email></contact>
              <attestation><name>Generated Officer</name><title>Chief Medical Officer</title><date>\(date)</date></attestation>
              <arrangement id="\(id)">
                <name>Generated arrangement \(index)</name>
                <description>Generated \(arrangementKind) arrangement for benchmarks.</description>
                <startDate>2024-01-01</startDate>
                <endDate>2026-12-31</endDate>
                <kind>\(arrangementKind)</kind>
                <apmEntities>

            """)
        let entities = 1 + random.below(3)
        for entity in 0..<entities {
            let tin = 100_000_000 + (index * 7 + entity) % 900_000_000
            let size = roster > 0 && entity == 0 ? roster : 8 + random.below(40)
            out.write("      <apmEntity><tin>\(tin)</tin><name>Generated Practice \(index)-\(entity)</name>")
            out.write("<eligibleClinicianCount>\(size)</eligibleClinicianCount><organizationClinicianCount>\(min(size, 40))</organizationClinicianCount>")
            if roster > 0 && entity == 0 {
                out.write("\n        <roster>\n")
                for clinician in 0..<roster {
                    let npi = 1_000_000_000 + (index * 1_000_003 + clinician) % 9_000_000_000
                    out.write("          <clinician npi=\"\(npi)\" usesCehrt=\"\(clinician % 10 == 9 ? "false" : "true")\"/>\n")
                }
                out.write("        </roster>\n      ")
            }
            out.write("</apmEntity>\n")
        }
        out.write("""
                </apmEntities>
                <cehrt><required>true</required><requiredPercent>75</requiredPercent></cehrt>
                <qualityMeasures>
                  <measure id="001" source="mips-list" outcome="true" paymentDependent="true"/>
                  <measure id="236" source="mips-list" outcome="true" paymentDependent="true"/>
                </qualityMeasures>

            """)
        switch arrangementKind {
        case "full-capitation":
            out.write("    <financialRisk><mechanisms><mechanism>full-capitation</mechanism></mechanisms>")
            out.write("<capitation><allItemsAndServices>true</allItemsAndServices><settlement>false</settlement></capitation></financialRisk>\n")
        case "medical-home":
            out.write("    <medicalHome><primaryCare met=\"true\">primary care</primaryCare><empanelment met=\"true\">panels</empanelment>\n")
            for element in ["planned-chronic-preventive-care", "access-continuity", "risk-stratified-care-management",
                "patient-caregiver-engagement", "payment-beyond-fee-for-service"]
            {
                out.write("      <characteristic name=\"\(element)\" met=\"true\">documented</characteristic>\n")
            }
            out.write("      <performanceStandard>Meet the state's diabetes control benchmark.</performanceStandard>\n")
            out.write("      <consequences><mechanism>withhold</mechanism></consequences>")
            out.write("<amountAtRisk>\(250_000 + random.below(50_000)).00</amountAtRisk><averageEstimatedTotalRevenue>5000000.00</averageEstimatedTotalRevenue></medicalHome>\n")
        default:
            let basis = arrangementKind == "episode" ? "episode-target-price" : "benchmark"
            let rate = 30 + random.below(40)
            out.write("    <financialRisk><mechanisms><mechanism>shared-losses</mechanism></mechanisms>")
            out.write("<expectedExpenditures basis=\"\(basis)\">\(5_000_000 + random.below(20_000_000)).00</expectedExpenditures>")
            out.write("<lossSharing><band fromPercent=\"0\" toPercent=\"15\" ratePercent=\"\(rate)\"/></lossSharing></financialRisk>\n")
        }
        out.write("  </arrangement>\n</submission>\n")
    }
}
