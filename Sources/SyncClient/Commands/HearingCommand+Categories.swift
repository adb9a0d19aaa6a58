import CommandLineSupport
import Foundation
import Localization
import Models
import SyncStorage

/// `renkei hearing categories …`: the categories hearing items (and the FAQ) are grouped by, as
/// data the advisor publishes (`HearingCategories`).
extension HearingCommand {
    /// Lists the categories in force: code, Japanese name, and whether they are published.
    func listCategories(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        try arguments.finish()
        let (categories, published, invalid) = try store.hearingCategories()
        if json {
            print(
                JSONValue.object([
                    "published": .bool(published), "categories": categories.json,
                    "invalid": invalid.map(JSONValue.string) ?? .null,
                ]).canonicalText)
            return
        }
        if let invalid {
            Terminal.printError(localized("hearing.categories.invalid", ["reason": invalid]))
        }
        print(published ? "分類（アドバイザーが公開したもの）:" : "分類（標準: 自治体DX推進計画の重点取組事項）:")
        for category in categories.all { print("  \(category.code)  \(category.label)") }
    }

    /// Publishes a list of categories (the advisor's replica): every replica receives it by sync.
    func publishCategories(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let file = try arguments.positional("<categories.json>")
        try arguments.finish()
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(localized("hearing.categories.unreadable", ["file": file]), status: .noInput)
        }
        let categories: HearingCategories
        do {
            categories = try HearingCategories(
                json: try JSONValue(parsing: Array(bytes)).nfcNormalized, in: Language.current)
        } catch {
            throw CommandFailure(
                localized("hearing.categories.not.valid", ["file": file, "error": error]), status: .dataError)
        }
        guard try store.setting(.scope) == "shared" else {
            throw CommandFailure(localized("hearing.categories.advisor.only"), status: .noPermission)
        }
        // Items already filed under a code the new list drops keep it, shown by their code: say so.
        let listed = Set(categories.all.map(\.code))
        let orphaned = Set(
            try ReplicaRecord.all(in: CollectionName.hearingItems, store: store).map { $0.text("category") }
        ).filter { !$0.isEmpty && !listed.contains($0) }
        let key = try RecordKey(
            validating: HearingCategories.collection, record: HearingCategories.record, field: HearingCategories.field)
        try store.permittedWrite(categories.json, to: key, scope: .shared, user: try store.setting(.user) ?? "")
        if json {
            print(
                JSONValue.object([
                    "count": .integer(Int64(categories.all.count)),
                    "codes": .array(categories.all.map { .string($0.code) }),
                    "orphaned": .array(orphaned.sorted().map(JSONValue.string)),
                ]).canonicalText)
            return
        }
        print(localized("hearing.categories.published", ["count": categories.all.count]))
        if !orphaned.isEmpty {
            print(localized("hearing.categories.orphaned", ["codes": orphaned.sorted().joined(separator: ", ")]))
        }
    }
}
