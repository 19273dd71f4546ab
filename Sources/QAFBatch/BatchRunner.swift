import Dispatch
import Foundation

/// Runs work over a stream of chunks on every core and hands the results back in input order.
///
/// The calling thread reads chunks and hands each to a worker as soon as fewer than `window` are in flight,
/// and meanwhile delivers finished results in input order (writing the report). Reading, computing and writing
/// overlap; memory is bounded by the window whatever the size of the corpus; output order is input order.
public struct BatchRunner: Sendable {
    public let workers: Int
    public let window: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, chunksPerWorker: Int = 3) {
        self.workers = max(1, workers)
        self.window = max(1, workers) * max(1, chunksPerWorker)
    }

    /// `work` runs on worker threads, one chunk at a time; `deliver` runs on the calling thread, in order.
    public func run<Output: Sendable>(
        next: () -> RawChunk?, work: @escaping @Sendable (RawChunk) -> Output, deliver: (Output) throws -> Void
    ) rethrows {
        let results = OrderedResults<Output>()
        let queue = DispatchQueue(label: "qaf.batch", attributes: .concurrent)
        let workerSlots = DispatchSemaphore(value: workers)
        var dispatched = 0
        var delivered = 0
        var exhausted = false
        while !exhausted || delivered < dispatched {
            while let ready = results.take(delivered) {
                try deliver(ready)
                delivered += 1
            }
            if exhausted || dispatched - delivered >= window {
                if delivered < dispatched {
                    let ready = results.wait(for: delivered)
                    try deliver(ready)
                    delivered += 1
                }
                continue
            }
            guard let chunk = next() else {
                exhausted = true
                continue
            }
            let sequence = dispatched
            dispatched += 1
            queue.async {
                workerSlots.wait()
                let output = work(chunk)
                workerSlots.signal()
                results.put(sequence, output)
            }
        }
    }
}

/// Results of chunks by sequence number, handed over from workers to the delivering thread.
final class OrderedResults<Output>: @unchecked Sendable {
    private var slots: [Int: Output] = [:]
    private let condition = NSCondition()

    func put(_ sequence: Int, _ output: Output) {
        condition.lock()
        slots[sequence] = output
        condition.broadcast()
        condition.unlock()
    }

    func take(_ sequence: Int) -> Output? {
        condition.lock()
        defer { condition.unlock() }
        return slots.removeValue(forKey: sequence)
    }

    func wait(for sequence: Int) -> Output {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let output = slots.removeValue(forKey: sequence) { return output }
            condition.wait()
        }
    }
}
