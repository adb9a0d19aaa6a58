import Foundation
import Models
import Synchronization

/// The next pull page, asked for on a thread of its own while the replica applies the page
/// before it: the network and the local database work at the same time instead of in turn.
/// The pages are still applied one after the other, in order; the next page's cursor is known
/// from the page being applied (`PullResponse.next`) before that page is applied.
final class PagePrefetch: Sendable {
    private let result = Mutex<Result<PullResponse, SyncError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `api.pull(since:limit:exceptAuthor:)` now.
    init(api: SyncAPI, since cursor: Int64, limit: Int, exceptAuthor replica: ReplicaID) {
        let thread = Thread { [self] in
            let outcome = Result { () throws(SyncError) in
                try api.pull(since: cursor, limit: limit, exceptAuthor: replica)
            }
            result.withLock { $0 = outcome }
            done.signal()
        }
        thread.name = "renkei-prefetch"
        thread.start()
    }

    /// The page, once it has arrived (waits for it).
    func page() throws(SyncError) -> PullResponse {
        done.wait()
        done.signal()
        return try result.withLock { $0! }.get()
    }
}
