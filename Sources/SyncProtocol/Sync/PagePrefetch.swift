import Foundation
import Models
import SyncStorage
import Synchronization

/// The next pull page, asked for on a thread of its own while the replica applies the page
/// before it: the network, the decoding and the encoding of the rows to store
/// (`EncodedChanges`) happen at the same time as the local database work instead of in turn.
/// The pages are still applied one after the other, in order; the next page's cursor is known
/// from the page being applied (`PullResponse.next`) before that page is applied.
final class PagePrefetch: Sendable {
    /// One pulled page, its changes encoded for storing.
    struct Page: Sendable {
        let response: PullResponse
        let encoded: EncodedChanges
    }

    private let result = Mutex<Result<Page, SyncError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `api.pull(since:limit:exceptAuthor:)` now.
    init(api: SyncAPI, since cursor: Int64, limit: Int, exceptAuthor replica: ReplicaID) {
        let thread = Thread { [self] in
            let outcome = Result { () throws(SyncError) in
                try Self.fetch(api: api, since: cursor, limit: limit, exceptAuthor: replica)
            }
            result.withLock { $0 = outcome }
            done.signal()
        }
        thread.name = "renkei-prefetch"
        thread.start()
    }

    /// The page, once it has arrived (waits for it).
    func page() throws(SyncError) -> Page {
        done.wait()
        done.signal()
        return try result.withLock { $0! }.get()
    }

    /// The page if it arrives within `seconds`, else nil (it can still be asked for later).
    func page(waitingAtMost seconds: Double) throws(SyncError) -> Page? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal()
        return try result.withLock { $0! }.get()
    }

    /// Pulls one page and encodes its changes, on the calling thread (the first page of a round).
    static func fetch(api: SyncAPI, since cursor: Int64, limit: Int, exceptAuthor replica: ReplicaID)
        throws(SyncError) -> Page
    {
        let response = try api.pull(since: cursor, limit: limit, exceptAuthor: replica)
        return Page(response: response, encoded: EncodedChanges(response.changes))
    }
}
