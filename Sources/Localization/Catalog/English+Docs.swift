extension MessageCatalog {
    /// English messages: Docs.
    static let englishDocs: [String: String] = [:]
}
