/// The 43 municipalities of Osaka Prefecture (全国地方公共団体コード with check digit, name,
/// reading, kind), as in `Examples/data/osaka_municipalities.csv`. Built in so the CLI can check
/// codes offline without the file.
public enum OsakaMunicipalities {
    /// `(code, name, reading, kind)` in code order.
    public static let all: [(code: String, name: String, reading: String, kind: String)] = [
        ("271004", "大阪市", "おおさかし", "政令指定都市"),
        ("271403", "堺市", "さかいし", "政令指定都市"),
        ("272027", "岸和田市", "きしわだし", "市"),
        ("272035", "豊中市", "とよなかし", "中核市"),
        ("272043", "池田市", "いけだし", "市"),
        ("272051", "吹田市", "すいたし", "中核市"),
        ("272060", "泉大津市", "いずみおおつし", "市"),
        ("272078", "高槻市", "たかつきし", "中核市"),
        ("272086", "貝塚市", "かいづかし", "市"),
        ("272094", "守口市", "もりぐちし", "市"),
        ("272108", "枚方市", "ひらかたし", "中核市"),
        ("272116", "茨木市", "いばらきし", "市"),
        ("272124", "八尾市", "やおし", "中核市"),
        ("272132", "泉佐野市", "いずみさのし", "市"),
        ("272141", "富田林市", "とんだばやしし", "市"),
        ("272159", "寝屋川市", "ねやがわし", "中核市"),
        ("272167", "河内長野市", "かわちながのし", "市"),
        ("272175", "松原市", "まつばらし", "市"),
        ("272183", "大東市", "だいとうし", "市"),
        ("272191", "和泉市", "いずみし", "市"),
        ("272205", "箕面市", "みのおし", "市"),
        ("272213", "柏原市", "かしわらし", "市"),
        ("272221", "羽曳野市", "はびきのし", "市"),
        ("272230", "門真市", "かどまし", "市"),
        ("272248", "摂津市", "せっつし", "市"),
        ("272256", "高石市", "たかいしし", "市"),
        ("272264", "藤井寺市", "ふじいでらし", "市"),
        ("272272", "東大阪市", "ひがしおおさかし", "中核市"),
        ("272281", "泉南市", "せんなんし", "市"),
        ("272299", "四條畷市", "しじょうなわてし", "市"),
        ("272302", "交野市", "かたのし", "市"),
        ("272311", "大阪狭山市", "おおさかさやまし", "市"),
        ("272329", "阪南市", "はんなんし", "市"),
        ("273015", "島本町", "しまもとちょう", "町"),
        ("273210", "豊能町", "とよのちょう", "町"),
        ("273228", "能勢町", "のせちょう", "町"),
        ("273414", "忠岡町", "ただおかちょう", "町"),
        ("273619", "熊取町", "くまとりちょう", "町"),
        ("273627", "田尻町", "たじりちょう", "町"),
        ("273660", "岬町", "みさきちょう", "町"),
        ("273813", "太子町", "たいしちょう", "町"),
        ("273821", "河南町", "かなんちょう", "町"),
        ("273830", "千早赤阪村", "ちはやあかさかむら", "村"),
    ]

    /// Every code.
    public static var codes: [String] { all.map(\.code) }

    /// The name for `code` (e.g. `大阪市` for `271004`), if it is an Osaka municipality.
    public static func name(of code: String) -> String? { all.first { $0.code == code }?.name }

    /// The name surveys usually declare this list under, for `in_codelist:osaka_municipalities`.
    public static let codelistName = "osaka_municipalities"

    /// The file a survey names to mean this list (`{"source": "osaka_municipalities.csv",
    /// "key": "code"}`): the one external list built into Renkei.
    public static let codelistSource = "osaka_municipalities.csv"

    /// The codes of every code list `survey` declares, by the name it declares it under: an
    /// inline list's own codes, and this list's codes for a list whose source is
    /// `codelistSource` (whatever its name). The schema refuses any other external source, so
    /// every list an item names is here. The one definition every answer check uses
    /// (`AnswerSchema` here, `SurveyRecords` above).
    public static func codelists(for survey: Questionnaire) -> [String: Set<String>] {
        var lists: [String: Set<String>] = [:]
        for (name, list) in survey.codelists {
            switch list {
            case .codes(let codes): lists[name] = codes
            case .external(let source, _) where source == codelistSource: lists[name] = Set(Self.codes)
            case .external: continue
            }
        }
        return lists
    }
}
