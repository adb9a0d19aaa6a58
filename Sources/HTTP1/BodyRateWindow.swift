import Foundation

/// The slowest body a connection may send, measured over a sliding window: once a body has been
/// arriving for `window` seconds, the last `window` seconds must always have brought at least
/// `minimumBytes`. An average over the whole body would let a client send 1 MiB at once and
/// then 4 bytes every 5 s for hours; with the window such a client is cut about `window`
/// seconds after it started to trickle.
///
/// Invariants: `samples` holds `(time, bytes received so far)` in time order, at most one per
/// `granularity`-long slice of time since `start` (the first seen in it), and its first element
/// is the newest sample at or before `now - window` once that much time has passed, so at
/// most about `window / granularity + 2` samples are kept whatever the body's length. A
/// connection looks at the rate at least at every slice boundary (`nextCheck`), so the
/// baseline is never more than one slice older than the window: a body is cut at most
/// `window + granularity` seconds after it slowed down.
struct BodyRateWindow {
    /// Seconds over which the rate is measured.
    let window: TimeInterval
    /// Bytes that each `window` seconds must bring.
    let minimumBytes: Double
    /// Seconds per slice (a tenth of the window): the window is measured to within one slice.
    let granularity: TimeInterval
    /// When the body began to be read.
    let start: Date
    private var samples: [(time: Date, total: Int)]
    /// The slice of the newest sample.
    private var lastSlice = 0

    /// Starts measuring at `start` (when the body began to be read), with nothing received.
    init(window: TimeInterval, minimumBytesPerSecond: Double, start: Date) {
        self.window = window
        self.start = start
        minimumBytes = minimumBytesPerSecond * window
        granularity = max(window / 10, 0.001)
        samples = [(start, 0)]
    }

    /// Notes that `total` bytes have arrived by `now`, and decides: true when the last `window`
    /// seconds brought fewer than `minimumBytes` (the body is too slow and must be cut).
    mutating func isTooSlow(total: Int, now: Date) -> Bool {
        let slice = self.slice(of: now)
        if slice > lastSlice {
            samples.append((now, total))
            lastSlice = slice
        }
        let windowStart = now.addingTimeInterval(-window)
        // Keep exactly one sample at or before the window's start: the baseline.
        while samples.count > 1 && samples[1].time <= windowStart { samples.removeFirst() }
        guard let baseline = samples.first, baseline.time <= windowStart else { return false }
        return Double(total - baseline.total) < minimumBytes
    }

    /// When the rate should be looked at again even if no byte arrives: the next slice
    /// boundary (a client that goes quiet must be cut on time too, not only at its next byte).
    func nextCheck(after now: Date) -> Date {
        start.addingTimeInterval(Double(slice(of: now) + 1) * granularity)
    }

    /// The number of the `granularity`-long slice since `start` that `time` falls in.
    private func slice(of time: Date) -> Int {
        Int(max(0, time.timeIntervalSince(start)) / granularity)
    }
}
