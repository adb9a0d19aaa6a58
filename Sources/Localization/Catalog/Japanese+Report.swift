extension MessageCatalog {
    /// Japanese messages: Report.
    static let japaneseReport: [String: String] = [:]
}
