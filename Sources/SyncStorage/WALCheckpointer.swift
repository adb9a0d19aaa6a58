import Dispatch
import Synchronization

/// Copies a database's WAL back into the database file on a thread of its own, so that no
/// commit waits for it. SQLite's automatic checkpoint runs inside the commit that crosses its
/// threshold: that commit also wrote up to `walAutocheckpointBytes` (32 MiB) into the database
/// file and fsynced it. A push of 300,000 changes spent 10-30% of its time there
/// (renkei-bench sync, alternating runs with and without checkpoints).
///
/// The store's connection (`Database`, with `checkpointsInBackground`) hands each commit's WAL
/// size to `committed(walPages:)` from its WAL hook, which replaces SQLite's automatic
/// checkpoint; at the threshold or above that asks for a checkpoint, and requests made while
/// one is waiting to run are one request. The checkpoint is passive (it never blocks a reader
/// or the writer), on its own connection with a small cache, opened with the store's.
/// One that fails leaves the WAL as it is, which is still durable: the next request tries
/// again, and SQLite checkpoints when the last connection closes.
///
/// Under a steady stream of commits the background passes never catch up with the writer, and
/// SQLite starts the WAL over from its first byte only when a write transaction begins with
/// every frame copied. The WAL then grew without end (272 MB for 1,200,000 revisions), and every
/// frame went to a new part of the file: the kernel allocated and zeroed pages for each one, and
/// each fsync carried the file's new size. So from `catchUpPages` on, the committing connection
/// copies the frames the passes left behind itself (`Request.catchUpHere`, `betweenPasses`),
/// and the next transaction rewrites the WAL from its start, in pages the kernel already holds.
/// With it, the store benchmark of 300,000 versions spent 2.4-3.5 s in the kernel instead of
/// 2.9-5.6 s (renkei-bench, each scenario, alternating runs). The hook runs once the commit is
/// durable and SQLite's write lock is released: other connections (the server's pulls) go on,
/// while the store's own queue, which the commit still holds, waits for the copy.
final class WALCheckpointer: Sendable {
    private let queue = DispatchQueue(label: "renkei.database.checkpoint", qos: .utility)
    /// True from a request until its checkpoint starts.
    private let requested = Atomic<Bool>(false)
    /// The checkpointing connection, opened with the store's own (so on the same file, even if
    /// the file is moved later); only used on `queue`.
    private let connection: Mutex<Database>
    /// WAL size, in pages, from which a commit asks for a checkpoint.
    private let thresholdPages: Int
    /// WAL size, in pages, from which the committing connection copies what is left itself:
    /// twice `thresholdPages` (64 MiB by default), so a background pass has had the time of a
    /// whole threshold's worth of commits to run.
    var catchUpPages: Int { 2 * thresholdPages }

    /// What a commit should do about the WAL it left.
    enum Request: Equatable {
        /// Nothing more: a background pass runs or will run.
        case none
        /// Copy the frames left behind now, on the committing connection (see the type's
        /// documentation); the background passes go on as well.
        case catchUpHere
    }

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
    /// committing thread: it asks for a background pass, never waits for one, and says whether
    /// the commit should copy the rest itself).
    func committed(walPages: Int) -> Request {
        if walPages >= thresholdPages { request() }
        return walPages >= catchUpPages ? .catchUpHere : .none
    }

    /// Starts a checkpoint soon, unless one is already waiting to start.
    private func request() {
        guard !requested.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async {
            self.requested.store(false, ordering: .releasing)
            self.checkpoint()
        }
    }

    /// Runs `body` (the committing connection's own checkpoint) with no background pass
    /// running: it waits for the one running, if any. Two checkpoints cannot run at once (the
    /// second fails at once with `SQLITE_BUSY`), so a commit that must catch up waits its turn,
    /// and the writer slows to the pace of the copy when it has outrun it.
    func betweenPasses(_ body: () -> Void) {
        connection.withLock { _ in body() }
    }

    private func checkpoint() {
        connection.withLock { connection in
            // A failure is left for the next request (see the type's documentation).
            try? connection.checkpoint()
        }
    }
}
