extension MessageCatalog {
    /// Japanese messages: Replica.
    static let japaneseReplica: [String: String] = [:]
}
