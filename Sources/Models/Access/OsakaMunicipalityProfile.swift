/// Each Osaka municipality's kind and population, as in
/// `Examples/data/osaka_municipalities_profile.csv` (population: 総人口 of 令和2年国勢調査 as the
/// 統計センター's SSDSE-A 2023 carries it, item A1101; kind: 政令指定都市, 中核市, 施行時特例市,
/// その他の市, 町 or 村). Built in, like `OsakaMunicipalities`, so reports work offline.
public enum OsakaMunicipalityProfile {
    /// The date the populations refer to.
    public static let populationDate = "2020-10-01"

    /// Code -> (kind, population).
    public static let all: [String: (kind: String, population: Int)] = [
        "271004": ("政令指定都市", 2_752_412),
        "271403": ("政令指定都市", 826_161),
        "272027": ("施行時特例市", 190_658),
        "272035": ("中核市", 401_558),
        "272043": ("その他の市", 104_993),
        "272051": ("中核市", 385_567),
        "272060": ("その他の市", 74_412),
        "272078": ("中核市", 352_698),
        "272086": ("その他の市", 84_443),
        "272094": ("その他の市", 143_096),
        "272108": ("中核市", 397_289),
        "272116": ("施行時特例市", 287_730),
        "272124": ("中核市", 264_642),
        "272132": ("その他の市", 100_131),
        "272141": ("その他の市", 108_699),
        "272159": ("中核市", 229_733),
        "272167": ("その他の市", 101_692),
        "272175": ("その他の市", 117_641),
        "272183": ("その他の市", 119_367),
        "272191": ("その他の市", 184_495),
        "272205": ("その他の市", 136_868),
        "272213": ("その他の市", 68_775),
        "272221": ("その他の市", 108_736),
        "272230": ("その他の市", 119_764),
        "272248": ("その他の市", 87_456),
        "272256": ("その他の市", 55_635),
        "272264": ("その他の市", 63_688),
        "272272": ("中核市", 493_940),
        "272281": ("その他の市", 60_102),
        "272299": ("その他の市", 55_177),
        "272302": ("その他の市", 75_033),
        "272311": ("その他の市", 58_435),
        "272329": ("その他の市", 51_254),
        "273015": ("町", 30_927),
        "273210": ("町", 18_279),
        "273228": ("町", 9_079),
        "273414": ("町", 16_567),
        "273619": ("町", 43_763),
        "273627": ("町", 8_434),
        "273660": ("町", 14_741),
        "273813": ("町", 13_009),
        "273821": ("町", 15_697),
        "273830": ("村", 4_909),
    ]

    /// The kind of a municipality (nil outside Osaka Prefecture).
    public static func kind(of code: String) -> String? { all[code]?.kind }

    /// The population of a municipality (nil outside Osaka Prefecture).
    public static func population(of code: String) -> Int? { all[code]?.population }
}
