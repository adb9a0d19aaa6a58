import Dispatch
import Foundation
import SyncStorage

/// Hashes a download's pieces, in the order given, on a thread of its own, so that hashing
/// (about 1.7 GB/s) runs beside fetching and writing instead of after each piece's write.
///
/// At most `backlog` pieces wait to be hashed: `add` blocks beyond that, so a fast network
/// never queues a whole file in memory. Used by one thread (the downloader's); the hasher
/// itself is only touched on `queue`.
final class PieceHasher: @unchecked Sendable {
    private let queue = DispatchQueue(label: "renkei.piece-hash")
    private let room: DispatchSemaphore
    /// Touched only on `queue`.
    private var hasher = SHA256()
    /// Whether `finish` ran (the hasher is used up); touched only on `queue`.
    private var finished = false

    /// - Parameter backlog: pieces that may wait to be hashed at once (at least 1).
    init(backlog: Int = 2) {
        room = DispatchSemaphore(value: max(1, backlog))
    }

    /// Hashes `bytes` after every piece added before.
    func add(_ bytes: Data) {
        room.wait()
        queue.async {
            precondition(!self.finished, "a piece added after finish")
            bytes.withUnsafeBytes { self.hasher.update($0) }
            self.room.signal()
        }
    }

    /// Forgets every piece added so far (the download starts over).
    func restart() {
        queue.sync {
            hasher = SHA256()
            finished = false
        }
    }

    /// The digest of every piece since the start or the last `restart`, as 64 hexadecimal
    /// digits. The hasher is used up.
    func finish() -> String {
        queue.sync {
            precondition(!finished, "finish called twice")
            finished = true
            return SHA256.hex(hasher.finalizeCopy())
        }
    }
}
