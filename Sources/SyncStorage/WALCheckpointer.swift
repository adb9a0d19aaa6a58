import Dispatch
import Synchronization

/// Copies a database's WAL back into the database file on a thread of its own, so that no
/// commit waits for it. SQLite's automatic checkpoint runs inside the commit that crosses its
/// threshold: that commit also wrote up to `walAutocheckpointPages` pages (32 MiB) into the
/// database file and fsynced it. A push of 300,000 changes spent 10-30% of its time there
/// (renkei-bench sync, alternating runs with and without checkpoints).
///
/// The store's connection (`Database`, with `checkpointsInBackground`) hands each commit's WAL
/// size to `committed(walPages:)` from its WAL hook, which replaces SQLite's automatic
/// checkpoint; at the threshold or above that asks for a checkpoint, and requests made while
/// one is waiting to run are one request. The checkpoint is passive (it never blocks a reader
/// or the writer), on its own connection with a small cache, opened with the store's.
/// One that fails leaves the WAL as it is, which is still durable: the next request tries
/// again, and SQLite checkpoints when the last connection closes.
final class WALCheckpointer: Sendable {
    private let queue = DispatchQueue(label: "renkei.database.checkpoint", qos: .utility)
    /// True from a request until its checkpoint starts.
    private let requested = Atomic<Bool>(false)
    /// The checkpointing connection, opened with the store's own (so on the same file, even if
    /// the file is moved later); only used on `queue`.
    private let connection: Mutex<Database>
    /// WAL size, in pages, from which a commit asks for a checkpoint.
    private let thresholdPages: Int

    /// Page cache of the checkpointing connection, in KiB (a checkpoint reads the WAL frames
    /// directly; the cache only holds the schema).
    static let cacheKiB = 256

    /// Opens the checkpointing connection to `path`, which must exist (the store's main
    /// connection opened it); checkpoints are asked for from `thresholdPages` pages of WAL.
    init(path: String, thresholdPages: Int) throws(DatabaseError) {
        var configuration = Database.Configuration()
        configuration.cacheKiB = Self.cacheKiB
        connection = Mutex(try Database(path: path, configuration: configuration))
        self.thresholdPages = thresholdPages
    }

    /// A commit left `walPages` pages in the WAL (called from inside that commit, on the
    /// committing thread: it only asks, never waits).
    func committed(walPages: Int) {
        if walPages >= thresholdPages { request() }
    }

    /// Starts a checkpoint soon, unless one is already waiting to start.
    private func request() {
        guard !requested.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async {
            self.requested.store(false, ordering: .releasing)
            self.checkpoint()
        }
    }

    private func checkpoint() {
        connection.withLock { connection in
            // A failure is left for the next request (see the type's documentation).
            try? connection.checkpoint()
        }
    }
}
