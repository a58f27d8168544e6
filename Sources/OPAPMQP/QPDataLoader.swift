import Foundation
import OPAPMEngine
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMPublishing
import OPAPMRules
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
        let (file, diagnostics) = try loadFile(path: path)
        return (file?.participants ?? [], diagnostics)
    }

    /// The whole file, with its submission date and certification (QP data 1.1), or the diagnostics.
    public func loadFile(path: String) throws(XMLReadError) -> (file: QPDataFile?, diagnostics: [XMLDiagnostic]) {
        let builder = XMLTreeBuilder()
        let diagnostics = try parser.parse(fileAt: path, handler: builder)
        return read(builder, diagnostics: diagnostics, head: { WrongKind.head(of: path) })
    }

    /// QP data sent in a request (the workbench's `POST /api/qp`), read as a file is.
    public func load(bytes: [UInt8], name: String) -> (file: QPDataFile?, diagnostics: [XMLDiagnostic]) {
        let builder = XMLTreeBuilder()
        let diagnostics = parser.parse(bytes: bytes, name: name, handler: builder)
        return read(builder, diagnostics: diagnostics, head: { Array(bytes.prefix(512)) })
    }

    private func read(_ builder: XMLTreeBuilder, diagnostics: [XMLDiagnostic], head: () -> [UInt8])
        -> (file: QPDataFile?, diagnostics: [XMLDiagnostic])
    {
        guard diagnostics.isEmpty, let root = builder.root else {
            return (nil, WrongKind.explainForQP(diagnostics, head: head()))
        }
        do {
            let reader = NodeReader(node: root)
            var certification: QPCertification?
            if let node = reader.optionalElement("certification") {
                certification = QPCertification(
                    name: try node.text("name"), title: try node.text("title"), authority: try node.text("authority"),
                    date: try node.date("date").value)
            }
            return (QPDataFile(
                version: root.attribute("version") ?? "1.0",
                submissionDate: reader.optionalElement("submissionDate") == nil ? nil : try reader.date("submissionDate").value,
                certification: certification,
                participants: try reader.elements("participant").map(participant)), [])
        } catch let error as LoadError {
            return (nil, [XMLDiagnostic(code: .schema, message: error.message, line: error.location.line, path: error.location.path)])
        } catch {
            return (nil, [XMLDiagnostic(code: .schema, message: "\(error)", line: 0)])
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
                        specialtyEligible: payer.node.attribute("specialtyEligible") == nil
                            ? nil : try payer.boolAttribute("specialtyEligible", default: false),
                        through: try amounts(try payer.element("through")),
                        total: try amounts(try payer.element("total")))
                })
        }
        let group = try node.optionalElement("apmEntityGroup").map { (group) throws -> QPEntityGroup in
            QPEntityGroup(
                id: try group.attribute("id"), name: try group.text("name"),
                snapshots: try group.elements("snapshot").map { (snapshot) throws -> QPGroupSnapshot in
                    QPGroupSnapshot(
                        snapshot: try snapshot.attributeCode("date", as: QPSnapshot.self),
                        medicareAdvancedAPM: try amounts(try snapshot.element("medicareAdvancedAPM")),
                        medicareTotal: try amounts(try snapshot.element("medicareTotal")))
                })
        }
        return QPParticipant(
            id: try node.attribute("id"), name: try node.text("name"),
            level: try node.attributeCode("level", as: QPLevel.self), snapshots: snapshots,
            county: node.optionalText("county"), entityGroup: group,
            allCliniciansInOneAPMEntity: node.node.attribute("allCliniciansInOneAPMEntity") == nil
                ? nil : try node.boolAttribute("allCliniciansInOneAPMEntity", default: false))
    }
}
