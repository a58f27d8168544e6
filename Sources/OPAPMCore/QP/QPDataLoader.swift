import Foundation
import OPAPMXML

/// Reads a QP data file (`schemas/qp-data.xsd`) with the same secure parser as submissions.
public struct QPDataLoader: Sendable {
    public static let schema: Result<CompiledSchema, Error> = Result { try CompiledSchema(text: EmbeddedSchemas.qpData) }

    public let parser: SecureXMLParser

    public init(limits: XMLLimits = XMLLimits()) throws {
        parser = SecureXMLParser(schema: try Self.schema.get(), limits: limits)
    }

    /// The participants, or the diagnostics that stopped them from being read.
    public func load(path: String) throws(XMLReadError) -> (participants: [QPParticipant], diagnostics: [XMLDiagnostic]) {
        let builder = XMLTreeBuilder()
        let diagnostics = try parser.parse(fileAt: path, handler: builder)
        guard diagnostics.isEmpty, let root = builder.root else { return ([], diagnostics) }
        do {
            return (try NodeReader(node: root).elements("participant").map(participant), [])
        } catch let error as LoadError {
            return ([], [XMLDiagnostic(code: .schema, message: error.message, line: error.location.line, path: error.location.path)])
        } catch {
            return ([], [XMLDiagnostic(code: .schema, message: "\(error)", line: 0)])
        }
    }

    private func amounts(_ node: NodeReader) throws(LoadError) -> QPAmounts {
        guard let payments = try node.decimalAttribute("payments"), let patients = Int(try node.attribute("patients")) else {
            throw LoadError.missing("@payments or @patients", in: node.node)
        }
        return QPAmounts(payments: payments, patients: patients)
    }

    private func participant(_ node: NodeReader) throws -> QPParticipant {
        let snapshots = try node.elements("snapshot").map { (snapshot) throws -> QPSnapshotData in
            QPSnapshotData(
                snapshot: try snapshot.attributeCode("date", as: QPSnapshot.self),
                medicareAdvancedAPM: try amounts(try snapshot.element("medicareAdvancedAPM")),
                medicareTotal: try amounts(try snapshot.element("medicareTotal")),
                otherPayers: try snapshot.elements("otherPayer").map { (payer) throws -> OtherPayerFigures in
                    OtherPayerFigures(
                        arrangementId: payer.node.attribute("arrangementId"),
                        payerType: try payer.attribute("payerType"),
                        state: payer.node.attribute("state"),
                        eligibleForMedicaidAPM: try payer.boolAttribute("eligibleForMedicaidAPM", default: false),
                        through: try amounts(try payer.element("through")),
                        total: try amounts(try payer.element("total")))
                })
        }
        return QPParticipant(
            id: try node.attribute("id"), name: try node.text("name"),
            level: try node.attributeCode("level", as: QPLevel.self), snapshots: snapshots)
    }
}
