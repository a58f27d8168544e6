import Foundation
import OPAPMLaw
import OPAPMModel

/// One corner of the liability curve, for charts and data tables.
public struct CurvePoint: Sendable, Hashable, Codable {
    public var overrunPercent: Exact
    public var liabilityPercent: Exact

    public init(overrunPercent: Exact, liabilityPercent: Exact) {
        self.overrunPercent = overrunPercent
        self.liabilityPercent = liabilityPercent
    }
}

/// L(x): what the APM Entity owes or forgoes when actual expenditures exceed expected expenditures
/// by x, both as percents of expected expenditures (x = 5 means a 5% overrun; L = 1.2 means 1.2% of
/// expected expenditures). Piecewise linear and non-decreasing; its slope is the marginal risk rate.
/// All arithmetic is `Exact`, so boundary cases (exactly 30%, exactly 3%) come out exact; it goes
/// through the integer paths of DecimalArithmetic.swift (`isBelow`, `plus`, `times`...), which give
/// Foundation's very values without its allocations.
public struct LiabilityCurve: Sendable, Hashable {
    /// A stretch of constant marginal rate. `start` is L just after `from` (after any jump there).
    public struct Segment: Sendable, Hashable {
        public var from: Exact
        /// nil: the segment has no end.
        public var to: Exact?
        /// Liability percent per overrun percent (0.4 for a 40% rate).
        public var slope: Exact
        public var start: Exact

        /// L at `x` within this segment: its start plus the slope times the way in.
        func liability(at x: Exact) -> Exact {
            start + slope * (x - from)
        }
    }

    public private(set) var segments: [Segment]
    /// Where a first-dollar minimum loss rate makes L jump, if it does.
    public private(set) var jumpAt: Exact?

    /// Builds L from the terms: bands, minimum loss rate (deductible or first-dollar), stop-loss
    /// point and a cap on the liability (percent of expected expenditures).
    public init(bands: [LossBand], minimumLossRate: MinimumLossRate?, stopLossPercent: Exact?, capPercent: Exact?) {
        // Sorted and made unique by hand: hashing an Exact costs more than the comparisons.
        var points: [Exact] = [0]
        for band in bands {
            points.append(band.fromPercent)
            if let to = band.toPercent { points.append(to) }
        }
        if let mlr = minimumLossRate { points.append(mlr.percent) }
        if let stop = stopLossPercent { points.append(stop) }
        points.sort { $0 < $1 }
        var breaks: [Exact] = []
        for point in points where breaks.last.map({ $0 < point }) ?? true { breaks.append(point) }

        func rate(inside low: Exact, _ high: Exact?) -> Exact {
            if let stop = stopLossPercent, low >= stop { return 0 }
            if let mlr = minimumLossRate, !mlr.firstDollar, low < mlr.percent { return 0 }
            for band in bands where band.fromPercent <= low {
                // A band covers (low, high) when it has no end, or ends at or after high.
                guard let to = band.toPercent else { return band.ratePercent.scaled(byPowerOfTen: -2) }
                if let high, high <= to { return band.ratePercent.scaled(byPowerOfTen: -2) }
            }
            return 0
        }

        // Raw area under the rate, segment by segment.
        var raw: [Segment] = []
        var level: Exact = 0
        for (index, low) in breaks.enumerated() {
            let high: Exact? = index + 1 < breaks.count ? breaks[index + 1] : nil
            let slope = rate(inside: low, high)
            raw.append(Segment(from: low, to: high, slope: slope, start: level))
            if let high { level += slope * (high - low) }
        }

        // First-dollar minimum loss rate: nothing is owed up to the rate, then all of it at once.
        if let mlr = minimumLossRate, mlr.firstDollar, mlr.percent > 0 {
            jumpAt = mlr.percent
            raw = raw.map { segment in
                var segment = segment
                if let to = segment.to, to <= mlr.percent {
                    segment.slope = 0
                    segment.start = 0
                }
                return segment
            }
        }

        // Cap: L never exceeds capPercent.
        if let cap = capPercent {
            var capped: [Segment] = []
            for segment in raw {
                if segment.start >= cap {
                    capped.append(Segment(from: segment.from, to: segment.to, slope: 0, start: cap))
                    continue
                }
                let end = segment.to.map { segment.liability(at: $0) }
                if segment.slope > 0, end.map({ cap < $0 }) ?? true {
                    let crossing = segment.from + (cap - segment.start) / segment.slope
                    capped.append(Segment(from: segment.from, to: crossing, slope: segment.slope, start: segment.start))
                    capped.append(Segment(from: crossing, to: segment.to, slope: 0, start: cap))
                } else {
                    capped.append(segment)
                }
            }
            raw = capped
        }
        segments = raw.filter { segment in segment.to.map { segment.from < $0 } ?? true }
    }

    /// L(x) at exactly x: before any jump located at x.
    public func value(at x: Exact) -> Exact {
        if let jump = jumpAt, x <= jump { return 0 }
        return valueAfter(x)
    }

    /// L just after x (the right limit), which includes a jump at x.
    public func valueAfter(_ x: Exact) -> Exact {
        guard let segment = segments.last(where: { $0.from <= x }) else { return 0 }
        return segment.liability(at: x)
    }

    /// The largest liability, or nil when it grows without bound.
    public var maximum: Exact? {
        guard let last = segments.last else { return 0 }
        if last.to == nil && last.slope > 0 { return nil }
        var largest: Exact?
        for segment in segments {
            let top = segment.to.map { segment.liability(at: $0) } ?? segment.start
            if largest.map({ $0 < top }) ?? true { largest = top }
        }
        return largest ?? 0
    }

    /// The overrun at which L stops rising; nil when it never stops.
    public var endOfRise: Exact? {
        if let last = segments.last, last.to == nil, last.slope > 0 { return nil }
        var end: Exact = jumpAt ?? 0
        for segment in segments where segment.slope > 0 {
            if let to = segment.to, to >= end { end = to }  // as max(end, to) chooses
        }
        return end
    }

    /// The smallest overrun x with L(x) ≥ level, taking L just after a jump, and L there (exactly
    /// `level` when the crossing is inside a segment); nil when never reached.
    public func firstReach(_ level: Exact) -> (point: Exact, value: Exact)? {
        if level <= 0 { return (0, 0) }
        if let jump = jumpAt, valueAfter(jump) >= level { return (jump, valueAfter(jump)) }
        for segment in segments {
            if segment.start >= level { return (segment.from, segment.start) }
            guard segment.slope > 0 else { continue }
            let crossing = segment.from + (level - segment.start) / segment.slope
            if segment.to.map({ crossing <= $0 }) ?? true { return (crossing, level) }
        }
        return nil
    }

    /// The corners of L from 0 to `end` (percents), with both sides of a jump: enough to draw it.
    public func points(until end: Exact) -> [CurvePoint] {
        var points: [CurvePoint] = []
        for segment in segments where segment.from <= end {
            if let jump = jumpAt, jump == segment.from {
                points.append(CurvePoint(overrunPercent: jump, liabilityPercent: value(at: jump)))
            }
            points.append(CurvePoint(overrunPercent: segment.from, liabilityPercent: segment.start))
        }
        if points.last?.overrunPercent != end {
            points.append(CurvePoint(overrunPercent: end, liabilityPercent: valueAfter(end)))
        }
        return points
    }

    /// The lowest marginal rate (slope) over the open interval (low, high); jumps are not slopes.
    public func lowestSlope(from low: Exact, to high: Exact) -> Exact? {
        var lowest: Exact?
        for segment in segments where segment.from < high && (segment.to.map { low < $0 } ?? true) {
            if lowest.map({ segment.slope < $0 }) ?? true { lowest = segment.slope }
        }
        return lowest
    }

    /// The same liability measured against smaller expected expenditures: the curve of an arrangement
    /// whose benchmark is `ratio` times the assessed expected expenditures, its overrun starting `shift`
    /// percent in (the (d)(6) cap: spending between the two carries no liability). Slopes keep their
    /// rates, since a dollar of overrun is a dollar either way; points and levels scale by `ratio`.
    public func rebased(ratio: Exact, shift: Exact) -> LiabilityCurve {
        var rebased = self
        var moved: [Segment] = []
        if shift > 0 { moved.append(Segment(from: 0, to: shift, slope: 0, start: 0)) }
        for segment in segments {
            moved.append(Segment(
                from: (segment.from * ratio + shift), to: segment.to.map { $0 * ratio + shift },
                slope: segment.slope, start: (segment.start * ratio)))
        }
        rebased.segments = moved
        rebased.jumpAt = jumpAt.map { $0 * ratio + shift }
        return rebased
    }
}
