extension MessageCatalog {
    /// English messages: Replica.
    static let englishReplica: [String: String] = [:]
}
