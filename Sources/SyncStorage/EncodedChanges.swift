import Models

/// Changes together with what their version rows will store: each change's canonical wire JSON
/// (`Change.writeJSON`), its vector as a `VectorBlob` and its author in hex.
///
/// Encoding is the part of applying a change that needs no database, so it can happen outside
/// the store's transaction: `SyncEngine` encodes the next pulled page on the thread that fetched
/// it while the replica applies the page before; the server encodes a push on the request's
/// thread (a large one on two threads at once) before taking the write lock. Every version row
/// a store writes is bound from here: this is the one place that encodes one.
///
/// Invariant: `row(at: i)` is exactly what `VersionTable` would encode from `changes[i]`; the
/// only way to make a value is `init(_:inParallel:)`, which encodes them.
public struct EncodedChanges: Sendable {
    /// What one change's version row stores, as slices of the shared buffers.
    struct Row {
        /// Canonical wire JSON (the `change` column).
        let json: ArraySlice<UInt8>
        /// The `VectorBlob` (the `vector` column).
        let vector: ArraySlice<UInt8>
        /// The author's 32 hex digits (the `author` column).
        let author: ArraySlice<UInt8>
    }

    public let changes: [Change]
    private let buffers: Buffers

    /// Bytes of every row together (JSON, vectors, authors): what storing the batch writes
    /// before indexes, however short the request that carried it (a number written `9e15`
    /// takes 18 bytes here).
    public var byteCount: Int { buffers.json.count + buffers.vectors.count + buffers.authors.count }

    /// Changes at or above which `inParallel` encodes the two halves on two threads (smaller
    /// batches are not worth a thread handoff).
    static let parallelThreshold = 2_048

    /// Encodes every change (about 250 bytes of JSON, 24 bytes of vector per writer and 32 bytes
    /// of author per change). With `inParallel`, a batch of `parallelThreshold` changes or more
    /// is encoded in two halves at once; the result is the same.
    public init(_ changes: [Change], inParallel: Bool = false) {
        self.changes = changes
        guard inParallel, changes.count >= Self.parallelThreshold else {
            buffers = Buffers(encoding: changes[...])
            return
        }
        let middle = changes.count / 2
        // The first half's buffers are sized for the whole batch: the second half is appended
        // without growing them (growing copies what is there and touches new pages).
        var (buffers, after) = BothAtOnce.run(
            { Buffers(encoding: changes[..<middle], reservingFor: changes.count) },
            { Buffers(encoding: changes[middle...]) })
        buffers.append(after)
        self.buffers = buffers
    }

    /// The stored bytes of `changes[index]`.
    func row(at index: Int) -> Row { buffers.row(at: index) }

    /// The encoded rows of consecutive changes, in flat buffers.
    private struct Buffers {
        /// Every change's JSON, one after the other; change `i` ends at `jsonEnds[i]` (a byte offset).
        var json: [UInt8] = []
        var jsonEnds: [Int] = []
        /// Every change's vector blob, one after the other, ending at `vectorEnds[i]`.
        var vectors: [UInt8] = []
        var vectorEnds: [Int] = []
        /// Every change's author in hex, 32 bytes each.
        var authors: [UInt8] = []

        /// - Parameter total: how many changes the buffers will hold in the end (these and any
        ///   appended later), at least `changes.count`.
        init(encoding changes: ArraySlice<Change>, reservingFor total: Int = 0) {
            let capacity = max(total, changes.count)
            json.reserveCapacity(capacity * 256)
            jsonEnds.reserveCapacity(capacity)
            vectors.reserveCapacity(capacity * VectorBlob.entrySize)
            vectorEnds.reserveCapacity(capacity)
            authors.reserveCapacity(capacity * 32)
            var writer = JSONWriter(reservingCapacity: 512)
            var vector: [UInt8] = []
            for change in changes {
                writer.reset()
                change.writeJSON(to: &writer)
                json.append(contentsOf: writer.bytes)
                jsonEnds.append(json.count)
                VectorBlob.encode(change.version.vector, into: &vector)
                vectors.append(contentsOf: vector)
                vectorEnds.append(vectors.count)
                change.version.author.appendHex(to: &authors)
            }
        }

        /// Adds the rows of `other` after these.
        mutating func append(_ other: Buffers) {
            let jsonOffset = json.count
            let vectorOffset = vectors.count
            json.append(contentsOf: other.json)
            jsonEnds.append(contentsOf: other.jsonEnds.lazy.map { $0 + jsonOffset })
            vectors.append(contentsOf: other.vectors)
            vectorEnds.append(contentsOf: other.vectorEnds.lazy.map { $0 + vectorOffset })
            authors.append(contentsOf: other.authors)
        }

        func row(at index: Int) -> Row {
            let jsonStart = index == 0 ? 0 : jsonEnds[index - 1]
            let vectorStart = index == 0 ? 0 : vectorEnds[index - 1]
            return Row(
                json: json[jsonStart..<jsonEnds[index]], vector: vectors[vectorStart..<vectorEnds[index]],
                author: authors[index * 32..<index * 32 + 32])
        }
    }
}
