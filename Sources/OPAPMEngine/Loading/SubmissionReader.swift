import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules
import OPAPMXML

/// Converts a schema-valid tree into a `Submission`, one section per method.
struct SubmissionReader {
    let file: String
    let rosters: RosterAggregator

    func read(_ root: NodeReader) throws(LoadError) -> Submission {
        let submitter = try root.element("submitter")
        let payer = try root.element("payer")
        let contact = try root.element("contact")
        let attestation = try root.element("attestation")
        let years = try root.element("performanceYears").elements("year").map { (year) throws(LoadError) in
            guard let value = Int(year.node.text) else { throw LoadError.badValue(year.node.text, at: year.node) }
            return Located(value, at: year.location)
        }
        return Submission(
            file: file,
            version: root.node.attribute("version") ?? "1.0",
            id: try root.text("id"),
            process: try root.code("process", as: SubmissionProcess.self),
            submitter: Submitter(
                type: try submitter.attributeCode("type", as: SubmitterType.self),
                name: try submitter.text("name"),
                identifier: submitter.optionalText("identifier"),
                location: submitter.location),
            payer: Payer(
                name: try payer.text("name"),
                type: try payer.code("type", as: PayerType.self),
                states: try payer.element("states").elements("state").map(\.node.text),
                cmsContract: payer.optionalElement("cmsContract")?.boolValue ?? false,
                counties: (payer.optionalElement("counties")?.elements("county") ?? []).map { Located($0.node.text, at: $0.location) },
                location: payer.location),
            submissionDate: try root.date("submissionDate"),
            performanceYears: years,
            contact: Contact(
                name: try contact.text("name"), email: try contact.text("email"), phone: contact.optionalText("phone")),
            attestation: Attestation(
                name: try attestation.text("name"), title: try attestation.text("title"),
                date: try attestation.date("date").value, authority: attestation.optionalText("authority"),
                location: attestation.location),
            arrangement: try arrangement(try root.element("arrangement")),
            location: root.location)
    }

    private func arrangement(_ node: NodeReader) throws(LoadError) -> Arrangement {
        let kindNode = try node.element("kind")
        guard let kind = ArrangementKind(rawValue: kindNode.node.text) else {
            throw LoadError.badValue(kindNode.node.text, at: kindNode.node)
        }
        return Arrangement(
            id: try node.attribute("id"),
            name: try node.text("name"),
            description: try node.text("description"),
            startDate: try node.date("startDate"),
            endDate: try node.date("endDate"),
            kind: Located(kind, at: kindNode.location),
            multiPayerModel: node.optionalText("multiPayerModel"),
            multiPayerModelIsMedicalHome: try node.optionalElement("multiPayerModel").flatMap { (model) throws(LoadError) in
                model.node.attribute("medicalHomeModel") == nil ? nil : try model.boolAttribute("medicalHomeModel", default: false)
            },
            partnershipEvidence: node.elements("partnershipEvidence").map(\.node.text),
            multiPayerModelLocation: node.optionalElement("multiPayerModel")?.location,
            previouslyDetermined: node.optionalElement("previouslyDetermined") == nil ? nil : try node.date("previouslyDetermined"),
            apmEntities: try node.element("apmEntities").elements("apmEntity").map { (entity) throws(LoadError) in
                try apmEntity(entity)
            },
            cehrt: try cehrt(try node.element("cehrt")),
            quality: try quality(try node.element("qualityMeasures")),
            financialRisk: try node.optionalElement("financialRisk").map { (risk) throws(LoadError) in
                try financialRisk(risk)
            },
            medicalHome: try node.optionalElement("medicalHome").map { (home) throws(LoadError) in
                try medicalHome(home)
            },
            qpFigures: try node.optionalElement("qpFigures").map { (figures) throws(LoadError) in
                QPFigures(
                    revenueThroughArrangement: try figures.decimal("revenueThroughArrangement").value,
                    totalRevenueFromPayer: try figures.decimal("totalRevenueFromPayer").value,
                    patientsThroughArrangement: try figures.integer("patientsThroughArrangement").value,
                    totalPatientsFromPayer: try figures.integer("totalPatientsFromPayer").value,
                    location: figures.location)
            },
            location: node.location)
    }

    private func apmEntity(_ node: NodeReader) throws(LoadError) -> APMEntity {
        var roster: RosterSummary?
        if let rosterNode = node.optionalElement("roster") {
            roster = rosters.summary(for: rosterNode.node) ?? RosterSummary(location: rosterNode.location)
        }
        return APMEntity(
            tin: try node.text("tin"),
            name: try node.text("name"),
            type: try node.attributeCode("type", as: EntityType.self, default: .clinicianGroup),
            eligibleClinicianCount: try node.integer("eligibleClinicianCount").value,
            organizationClinicianCount: node.optionalElement("organizationClinicianCount") == nil
                ? nil : try node.integer("organizationClinicianCount"),
            snapshotCounts: try node.elements("clinicianCountAtSnapshot").map { (count) throws(LoadError) in
                guard let value = Int(count.node.text) else { throw LoadError.badValue(count.node.text, at: count.node) }
                return SnapshotCount(snapshot: try count.attribute("snapshot"), count: value, location: count.location)
            },
            roster: roster,
            location: node.location)
    }

    private func cehrt(_ node: NodeReader) throws(LoadError) -> CEHRTTerms {
        CEHRTTerms(
            required: try node.bool("required").value,
            requiredPercent: try node.optionalDecimal("requiredPercent"),
            evidence: node.elements("evidence").map(\.node.text),
            location: node.location)
    }

    private func quality(_ node: NodeReader) throws(LoadError) -> QualityTerms {
        let measures = try node.elements("measure").map { (measure) throws(LoadError) in
            QualityMeasure(
                id: try measure.attribute("id"),
                source: try measure.attributeCode("source", as: MeasureSource.self),
                claimedOutcome: try measure.boolAttribute("outcome", default: false),
                paymentDependent: try measure.boolAttribute("paymentDependent", default: false),
                title: measure.optionalText("title"),
                evidence: measure.optionalText("evidence"),
                steward: measure.optionalText("steward"),
                endorsementId: measure.optionalText("endorsementId"),
                location: measure.location)
        }
        let justification = node.optionalElement("noApplicableOutcomeMeasure").map {
            Located($0.node.text, at: $0.location)
        }
        return QualityTerms(measures: measures, noApplicableOutcomeJustification: justification, location: node.location)
    }

    private func mechanisms(_ node: NodeReader?) throws(LoadError) -> [RiskMechanism] {
        guard let node else { return [] }
        return try node.elements("mechanism").map { (mechanism) throws(LoadError) in
            guard let value = RiskMechanism(rawValue: mechanism.node.text) else {
                throw LoadError.badValue(mechanism.node.text, at: mechanism.node)
            }
            return value
        }
    }

    private func financialRisk(_ node: NodeReader) throws(LoadError) -> FinancialRiskTerms {
        let expected = node.optionalElement("expectedExpenditures")
        var basis: ExpenditureBasis?
        if let expected { basis = try expected.attributeCode("basis", as: ExpenditureBasis.self) }
        let sharing = node.optionalElement("lossSharing")
        var minimumLossRate: MinimumLossRate?
        if let mlr = sharing?.optionalElement("minimumLossRate") {
            guard let percent = mlr.decimalValue else { throw LoadError.badValue(mlr.node.text, at: mlr.node) }
            minimumLossRate = MinimumLossRate(
                percent: percent, firstDollar: try mlr.boolAttribute("firstDollar", default: false),
                location: mlr.location)
        }
        let bands = try (sharing?.elements("band") ?? []).map { (band) throws(LoadError) in
            guard let from = try band.decimalAttribute("fromPercent"), let rate = try band.decimalAttribute("ratePercent")
            else { throw LoadError.missing("@fromPercent or @ratePercent", in: band.node) }
            return LossBand(
                fromPercent: from, toPercent: try band.decimalAttribute("toPercent"), ratePercent: rate,
                location: band.location)
        }
        var capitation: CapitationTerms?
        if let cap = node.optionalElement("capitation") {
            let settlement = try cap.element("settlement")
            capitation = CapitationTerms(
                allItemsAndServices: try cap.bool("allItemsAndServices").value,
                settlement: try cap.bool("settlement").value,
                reconciles: settlement.node.attribute("reconciles"),
                settlementLocation: settlement.location,
                perCapitaPayment: try cap.optionalDecimal("perCapitaPayment")?.value,
                location: cap.location)
        }
        return FinancialRiskTerms(
            mechanisms: try mechanisms(node.optionalElement("mechanisms")),
            expectedExpenditures: expected.flatMap { node in node.decimalValue.map { Located($0, at: node.location) } },
            expenditureBasis: basis,
            counterfactualExpenditures: try node.optionalDecimal("counterfactualExpenditures"),
            revenueFromPayer: try node.optionalDecimal("revenueFromPayer"),
            minimumLossRate: minimumLossRate,
            bands: bands,
            withheldAmount: try node.optionalDecimal("withheldAmount"),
            maximumLiability: try node.optionalDecimal("maximumLiability"),
            stopLossPercent: try node.optionalDecimal("stopLossPercent"),
            capitation: capitation,
            evidence: node.elements("evidence").map(\.node.text),
            location: node.location)
    }

    private func medicalHome(_ node: NodeReader) throws(LoadError) -> MedicalHomeTerms {
        func evidence(_ reader: NodeReader) throws(LoadError) -> Located<Bool> {
            Located(try reader.boolAttribute("met", default: false), at: reader.location)
        }
        var elements: [MedicalHomeElement: Located<Bool>] = [:]
        for characteristic in node.elements("characteristic") {
            let name = try characteristic.attributeCode("name", as: MedicalHomeElement.self)
            elements[name] = try evidence(characteristic)
        }
        return MedicalHomeTerms(
            primaryCare: try evidence(try node.element("primaryCare")),
            empanelment: try evidence(try node.element("empanelment")),
            elements: elements,
            performanceStandards: node.elements("performanceStandard").map(\.node.text),
            consequences: try mechanisms(node.optionalElement("consequences")),
            amountAtRisk: try node.optionalDecimal("amountAtRisk"),
            averageEstimatedTotalRevenue: try node.optionalDecimal("averageEstimatedTotalRevenue"),
            location: node.location)
    }
}
