import Foundation
import Localization

/// A category of hearing items (the FAQ is grouped by them): a stable code stored on each item,
/// and its Japanese name.
public struct HearingCategory: Hashable, Sendable {
    public let code: String
    public let label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }
}

/// The categories the advisor publishes (collection `hearing-categories`, record `list`, field
/// `categories`, scope `shared`: `renkei hearing categories publish FILE`), so that focus areas
/// (行政手続のオンライン化, システム共同化, …) are added without a release. Until one is
/// published, or when the published one is not valid, `standard` applies: the focus areas of the
/// national 自治体DX推進計画. Order matters: the FAQ lists categories in it.
///
/// The document is a JSON array of `{"code": "frontyard", "label": "自治体フロントヤード改革"}`:
/// 1 to 100 categories, codes of 1-32 lowercase letters, digits and `_`, unique; labels of 1-60
/// characters, unique.
public struct HearingCategories: Sendable, Equatable {
    public let all: [HearingCategory]

    /// Where the published list is kept.
    public static let collection = CollectionName.hearingCategories
    public static let record = "list"
    public static let field = "categories"

    /// The focus areas of the national 自治体DX推進計画.
    public static let standard = HearingCategories(checked: [
        ("frontyard", "自治体フロントヤード改革"), ("standardization", "情報システムの標準化・共通化"),
        ("eltax", "公金収納におけるeLTAXの活用"), ("mynumber", "マイナンバーカードの普及促進・利用の推進"),
        ("security", "セキュリティ対策の徹底"), ("ai_rpa", "AI・RPAの利用推進"), ("telework", "テレワークの推進"),
        ("organization", "推進体制の整備・デジタル人材の確保"), ("digital_divide", "デジタルデバイド対策"), ("other", "その他"),
    ])

    private init(checked pairs: [(String, String)]) {
        all = pairs.map { HearingCategory(code: $0.0, label: $0.1) }
    }

    /// Reads a published list strictly (see the type's documentation); the reasons of errors are
    /// in `language` (English by default, as the other checks of `Models`).
    public init(json: JSONValue, in language: Language = .english) throws(ModelError) {
        guard case .array(let elements) = json, (1...100).contains(elements.count) else {
            throw .invalidField(path: "categories", reason: localized("hearing.categories.reason.count", in: language))
        }
        var list: [HearingCategory] = []
        for (index, element) in elements.enumerated() {
            let path = "categories[\(index)]"
            guard case .object(let members) = element, members.count == 2, case .string(let code)? = members["code"],
                case .string(let label)? = members["label"]
            else {
                let shape = #"{"code": …, "label": …}"#
                throw .invalidField(
                    path: path, reason: localized("hearing.categories.reason.shape", ["shape": shape], in: language))
            }
            guard code.isLowercaseCode(length: 1...32) else {
                throw .invalidField(
                    path: path + ".code", reason: localized("hearing.categories.reason.code", in: language))
            }
            let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...60).contains(trimmed.count), !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw .invalidField(
                    path: path + ".label", reason: localized("hearing.categories.reason.label", in: language))
            }
            guard !list.contains(where: { $0.code == code || $0.label == trimmed }) else {
                let value = Printable.quoted(code)
                throw .invalidField(
                    path: path, reason: localized("hearing.categories.reason.twice", ["value": value], in: language))
            }
            list.append(HearingCategory(code: code, label: trimmed.precomposedStringWithCanonicalMapping))
        }
        all = list
    }

    public var json: JSONValue {
        .array(all.map { .object(["code": .string($0.code), "label": .string($0.label)]) })
    }

    /// The category a person named by its code or its Japanese name.
    public func category(named text: String) -> HearingCategory? {
        let normalized = text.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        return all.first { $0.code == normalized || $0.label == normalized }
    }

    /// The category of a stored code; nil for codes this list does not have.
    public func category(code: String) -> HearingCategory? { all.first { $0.code == code } }

    /// A code's place in the list (the FAQ's order); codes not listed come last.
    public func order(of code: String) -> Int { all.firstIndex { $0.code == code } ?? all.count }
}
