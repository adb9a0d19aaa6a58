import Models

/// A current version as a store holds it: its sequence and the change as canonical wire JSON,
/// not yet decoded (for callers that may not need to decode it, such as `SurveySchemaCache`).
public struct StoredChange: Sendable, Equatable {
    /// The store sequence of the version.
    public let sequence: Int64
    /// The `Change` as stored: canonical wire JSON, UTF-8.
    public let bytes: [UInt8]

    /// The change these bytes hold; a stored row that does not decode is `corruptRecord`.
    public func decoded() throws -> Change {
        do {
            return try Change(decoding: bytes)
        } catch {
            throw StorageError.corruptRecord(sequence: sequence, reason: "\(error)")
        }
    }
}
