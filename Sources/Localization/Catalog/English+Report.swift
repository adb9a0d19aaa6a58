extension MessageCatalog {
    /// English messages: Report.
    static let englishReport: [String: String] = [:]
}
