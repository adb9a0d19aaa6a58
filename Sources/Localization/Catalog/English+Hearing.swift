extension MessageCatalog {
    /// English messages: Hearing.
    static let englishHearing: [String: String] = [:]
}
