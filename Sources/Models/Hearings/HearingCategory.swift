/// Categories of hearing items: the focus areas of the national 自治体DX推進計画, by stable code.
public enum HearingCategory: String, CaseIterable, Sendable {
    case frontyard
    case standardization
    case eltax
    case mynumber
    case security
    case aiRPA = "ai_rpa"
    case telework
    case organization
    case digitalDivide = "digital_divide"
    case other

    /// The Japanese name used in reports and the FAQ.
    public var label: String {
        switch self {
        case .frontyard: return "自治体フロントヤード改革"
        case .standardization: return "情報システムの標準化・共通化"
        case .eltax: return "公金収納におけるeLTAXの活用"
        case .mynumber: return "マイナンバーカードの普及促進・利用の推進"
        case .security: return "セキュリティ対策の徹底"
        case .aiRPA: return "AI・RPAの利用推進"
        case .telework: return "テレワークの推進"
        case .organization: return "推進体制の整備・デジタル人材の確保"
        case .digitalDivide: return "デジタルデバイド対策"
        case .other: return "その他"
        }
    }
}
