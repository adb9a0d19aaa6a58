extension MessageCatalog {
    /// English messages: Server.
    static let englishServer: [String: String] = [:]
}
