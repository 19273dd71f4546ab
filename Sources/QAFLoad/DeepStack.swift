import Foundation

/// Runs work that recurses deep (reading an expression nested hundreds of levels) on a thread with a large stack,
/// so that the documented limits hold in a debug build as in a release one, on any caller's thread.
public enum DeepStack {
    /// Bytes of stack the thread gets; reserved, not used, until the recursion reaches it.
    public static let size = 256 << 20

    public static func run<T, E: Error>(_ work: @escaping () throws(E) -> T) throws(E) -> T {
        let box = Box<T, E>(work)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.run()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        return try box.result!.get()
    }

    /// The work and its result, handed to the thread and back; the semaphore orders the two.
    private final class Box<T, E: Error>: @unchecked Sendable {
        let work: () throws(E) -> T
        var result: Result<T, E>?

        init(_ work: @escaping () throws(E) -> T) { self.work = work }

        func run() { result = Result { () throws(E) -> T in try work() } }
    }
}
