import Models
import SyncStorage

/// The next pull page, asked for on a thread of its own while the replica applies the page
/// before it: the network, the decoding and the encoding of the rows to store
/// (`EncodedChanges`) happen at the same time as the local database work instead of in turn.
/// The pages are still applied one after the other, in order; the next page's cursor is known
/// from the page being applied (`PullResponse.next`) before that page is applied.
struct PagePrefetch: Sendable {
    /// One pulled page, its changes encoded for storing.
    struct Page: Sendable {
        let response: PullResponse
        let encoded: EncodedChanges
    }

    private let call: BackgroundCall<Page>

    /// Starts `api.pull(since:limit:exceptAuthor:)` now.
    init(api: SyncAPI, since cursor: Int64, limit: Int, exceptAuthor replica: ReplicaID) {
        call = BackgroundCall(name: "renkei-prefetch") { () throws(SyncError) in
            try Self.fetch(api: api, since: cursor, limit: limit, exceptAuthor: replica)
        }
    }

    /// The page, once it has arrived (waits for it).
    func page() throws(SyncError) -> Page { try call.value() }

    /// The page if it arrives within `seconds`, else nil (it can still be asked for later).
    func page(waitingAtMost seconds: Double) throws(SyncError) -> Page? { try call.value(waitingAtMost: seconds) }

    /// Pulls one page and encodes its changes, on the calling thread (the first page of a round).
    static func fetch(api: SyncAPI, since cursor: Int64, limit: Int, exceptAuthor replica: ReplicaID)
        throws(SyncError) -> Page
    {
        let response = try api.pull(since: cursor, limit: limit, exceptAuthor: replica)
        return Page(response: response, encoded: EncodedChanges(response.changes))
    }
}
