import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncStorage

/// `renkei hearing …`: hearings the advisor holds with a municipality, and their items (question,
/// answer, category, FAQ flag). Both the advisor and the municipality's staff may edit; every
/// field is its own register, so edits of different fields merge.
struct HearingCommand: ReplicaVerbs {
    let home: ReplicaHome
    let store: ReplicaStore

    /// Opens the replica before the verb reads its arguments.
    init(home: ReplicaHome) throws {
        self.home = home
        store = try home.open()
    }

    // MARK: - hearings

    func create(_ arguments: inout ArgumentList) throws {
        let values = try Self.fieldOptions(&arguments)
        let municipality = try arguments.option(ClientOptions.municipality)
        let json = arguments.flag(ClientOptions.json)
        try arguments.finish()
        guard values["date"] != nil, values["place"] != nil else {
            throw UsageError(localized("hearing.new.needs"))
        }
        let scope = try Self.scope(for: municipality, store: store)
        let id = RecordID.timeOrdered()
        try write(values, record: id, collection: CollectionName.hearings, scope: scope, store: store)
        if json {
            print(
                ReplicaRecord.written(values, id: id, collection: CollectionName.hearings, scope: scope).canonicalText)
            return
        }
        print(id)
    }

    func edit(_ arguments: inout ArgumentList) throws {
        var values = try Self.fieldOptions(&arguments)
        let json = arguments.flag(ClientOptions.json)
        let id = try arguments.positional("<id>")
        try arguments.finish()
        let record = try ReplicaRecord(collection: CollectionName.hearings, id: id, store: store)
        if values.isEmpty {
            values = try HearingEditor.edit(
                record: record, fields: ClientOptions.hearingFields.map(\.field), drafts: home.draftsDirectory,
                outputToStandardError: json)
            if values.isEmpty {
                let unchanged = ReplicaRecord.written(
                    [:], id: id, collection: CollectionName.hearings, scope: record.scope)
                print(json ? unchanged.canonicalText : localized("hearing.no.changes"))
                return
            }
        }
        try write(values, record: id, collection: CollectionName.hearings, scope: record.scope, store: store)
        if json {
            print(
                ReplicaRecord.written(values, id: id, collection: CollectionName.hearings, scope: record.scope)
                    .canonicalText)
            return
        }
        print(localized("hearing.updated", ["fields": values.keys.sorted().joined(separator: ", "), "id": id]))
    }

    func list(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let municipality = try arguments.option(ClientOptions.municipalityFilter)
        try arguments.finish()
        let records = try ReplicaRecord.all(in: CollectionName.hearings, store: store).filter { record in
            municipality.map { record.scope.description == $0 } ?? true
        }
        if json {
            print(JSONValue.array(records.map(\.json)).canonicalText)
            return
        }
        if records.isEmpty { print(localized("hearing.list.none")) }
        for record in records {
            let name = SurveyRecords.name(of: record.scope.description)
            print("\(record.id)  \(record.text("date"))  \(name)  \(record.text("place"))")
        }
    }

    func show(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let id = try arguments.positional("<id>")
        try arguments.finish()
        let record = try ReplicaRecord(collection: CollectionName.hearings, id: id, store: store)
        // Only items of the hearing's own scope: an item of another scope naming this id is not its.
        let items = try ReplicaRecord.all(in: CollectionName.hearingItems, store: store).filter {
            $0.text("hearing") == id && $0.scope == record.scope
        }
        if json {
            var object = record.json
            if case .object(var members) = object {
                members["items"] = .array(items.map(\.json))
                object = .object(members)
            }
            print(object.canonicalText)
            return
        }
        let categories = try store.hearingCategories().list
        print(localized("hearing.show.title", ["id": id, "name": SurveyRecords.name(of: record.scope.description)]))
        for (_, field) in ClientOptions.hearingFields { print("  \(field): \(record.text(field))") }
        for item in items {
            print("\n  [\(item.id)]\(item.text("faq") == "true" ? " FAQ" : "") \(item.categoryLabel(in: categories))")
            print(localized("hearing.show.item", ["question": item.text("question"), "answer": item.text("answer")]))
        }
    }

    // MARK: - items

    func addItem(_ arguments: inout ArgumentList) throws {
        var values = try Self.itemOptions(&arguments, categories: try store.hearingCategories().list)
        let faq = arguments.flag(ClientOptions.faq)
        let json = arguments.flag(ClientOptions.json)
        let hearingID = try arguments.positional("<hearing-id>")
        try arguments.finish()
        guard values["question"] != nil, values["category"] != nil else {
            throw UsageError(localized("hearing.item.needs"))
        }
        let hearing = try ReplicaRecord(collection: CollectionName.hearings, id: hearingID, store: store)
        values["hearing"] = .string(hearingID)
        values["faq"] = .bool(faq)
        let id = RecordID.timeOrdered()
        try write(values, record: id, collection: CollectionName.hearingItems, scope: hearing.scope, store: store)
        if json {
            print(
                ReplicaRecord.written(values, id: id, collection: CollectionName.hearingItems, scope: hearing.scope)
                    .canonicalText)
            return
        }
        print(id)
    }

    func editItem(_ arguments: inout ArgumentList) throws {
        var values = try Self.itemOptions(&arguments, categories: try store.hearingCategories().list)
        if let faq = try arguments.option(ClientOptions.faqChoice) {
            switch faq.lowercased() {
            case "yes", "true", "はい": values["faq"] = .bool(true)
            case "no", "false", "いいえ": values["faq"] = .bool(false)
            default: throw UsageError(localized("hearing.faq.choice"))
            }
        }
        let json = arguments.flag(ClientOptions.json)
        let id = try arguments.positional("<item-id>")
        try arguments.finish()
        guard !values.isEmpty else { throw UsageError(localized("hearing.item.edit.nothing")) }
        let record = try ReplicaRecord(collection: CollectionName.hearingItems, id: id, store: store)
        try write(values, record: id, collection: CollectionName.hearingItems, scope: record.scope, store: store)
        if json {
            print(
                ReplicaRecord.written(values, id: id, collection: CollectionName.hearingItems, scope: record.scope)
                    .canonicalText)
            return
        }
        print(localized("hearing.item.updated", ["fields": values.keys.sorted().joined(separator: ", "), "id": id]))
    }

    func listItems(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let hearingID = try arguments.positional("<hearing-id>")
        try arguments.finish()
        let scope = (try? ReplicaRecord(collection: CollectionName.hearings, id: hearingID, store: store))?.scope
        let items = try ReplicaRecord.all(in: CollectionName.hearingItems, store: store).filter {
            $0.text("hearing") == hearingID && (scope == nil || $0.scope == scope)
        }
        if json {
            print(JSONValue.array(items.map(\.json)).canonicalText)
            return
        }
        if items.isEmpty { print(localized("hearing.item.list.none")) }
        let categories = try store.hearingCategories().list
        for item in items {
            print(
                "\(item.id)\(item.text("faq") == "true" ? "  FAQ" : "")  \(item.categoryLabel(in: categories))  \(item.text("question"))"
            )
        }
    }

    // MARK: - helpers

    /// Reads the hearing field options that were given (NFC-normalised text; dates checked).
    static func fieldOptions(_ arguments: inout ArgumentList) throws -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for (option, field) in ClientOptions.hearingFields {
            guard let text = try arguments.option(option) else { continue }
            if field == "date", !QuestionnaireItem.isISODate(text) {
                throw UsageError(localized("hearing.date.invalid"))
            }
            values[field] = .string(text.precomposedStringWithCanonicalMapping)
        }
        return values
    }

    /// The item fields given as options; a category by its code or Japanese name, as the
    /// advisor published them (`categories`).
    private static func itemOptions(_ arguments: inout ArgumentList, categories: HearingCategories) throws -> [String:
        JSONValue]
    {
        var values: [String: JSONValue] = [:]
        for (option, field) in ClientOptions.itemFields {
            guard let text = try arguments.option(option) else { continue }
            if field == "category" {
                guard let category = categories.category(named: text) else {
                    let codes = categories.all.map(\.code).joined(separator: ", ")
                    throw UsageError(localized("hearing.category.unknown", ["codes": codes]))
                }
                values[field] = .string(category.code)
            } else {
                values[field] = .string(text.precomposedStringWithCanonicalMapping)
            }
        }
        return values
    }

    /// The scope of a new hearing: the given municipality (the advisor), or the replica's own.
    static func scope(for municipality: String?, store: ReplicaStore) throws -> Scope {
        let own = try store.setting(.scope) ?? "shared"
        if let municipality {
            guard let code = try? MunicipalityCode(validating: municipality) else {
                throw UsageError(localized("hearing.municipality.invalid"))
            }
            guard own == "shared" || own == municipality else {
                throw CommandFailure(
                    localized("hearing.municipality.other", ["own": own, "municipality": municipality]),
                    status: .noPermission)
            }
            return .municipality(code)
        }
        guard own != "shared", let code = try? MunicipalityCode(validating: own) else {
            throw UsageError(localized("hearing.municipality.missing"))
        }
        return .municipality(code)
    }

    private func write(
        _ values: [String: JSONValue], record: String, collection: String, scope: Scope, store: ReplicaStore
    ) throws {
        let writes = try values.keys.sorted().map { field in
            (
                key: try RecordKey(validating: collection, record: record, field: field), scope: scope,
                value: values[field]!
            )
        }
        do {
            try store.permittedWriteAll(writes, user: try store.setting(.user) ?? "")
        } catch let error as StorageError {
            throw CommandFailure(error.description, status: .dataError)
        }
    }
}
