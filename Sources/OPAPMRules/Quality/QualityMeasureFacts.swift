import OPAPMLaw
import OPAPMModel

/// Shared reading of a measure against the year's rules and catalogue.
extension RuleContext {
    /// A measure counts toward (c)(2) when its source is accepted for the year and, when claimed to be
    /// on the MIPS list, the year's catalogue lists it. A QCDR measure counts only in the years the law
    /// counts QCDR measures as MIPS measures (PY2019: 414.1330(a)(2)); from PY2020 only the final list does.
    func countsAsAcceptedSource(_ measure: QualityMeasure) -> Bool {
        let qcdrCounts = parameters.qcdrMeasuresAreMIPSMeasures.value
        if measure.source == .qcdr { return qcdrCounts }
        guard parameters.acceptedMeasureSources.value.contains(measure.source) else { return false }
        if measure.source == .mipsList {
            guard let entry = catalogue?.measure(measure.id) else { return false }
            return !entry.isRegistryMeasure || qcdrCounts
        }
        return true
    }

    /// A measure counts as an outcome measure under (c)(3) when claimed so and, for MIPS-list measures,
    /// the catalogue gives it an outcome type.
    func countsAsOutcome(_ measure: QualityMeasure) -> Bool {
        guard measure.claimedOutcome else { return false }
        if measure.source == .mipsList {
            return catalogue?.measure(measure.id)?.isOutcome ?? false
        }
        return true
    }
}
