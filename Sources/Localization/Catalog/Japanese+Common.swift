extension MessageCatalog {
    /// Japanese messages: help layout, usage errors, CSV reading, shared options.
    static let japaneseCommon: [String: String] = [
        "help.overview": "概要:",
        "help.usage": "使い方:",
        "usage.error.lead": "使い方:",
        "help.subcommands": "サブコマンド:",
        "help.options": "オプション:",
        "help.examples": "例:",
        "help.option.help": "{program} またはサブコマンドの説明を表示します",
        "help.option.version": "バージョンを表示します",
        "help.see.subcommand": "各サブコマンドの説明は `{command}` で表示できます。",
        "usage.see.help": "詳しくは `{command}` を実行してください。",
        "usage.option.needs.value": "{option} には値が必要です",
        "usage.option.twice": "{option} が 2 回指定されています",
        "usage.missing": "{what}を指定してください",
        "usage.unknown.option": "{option} というオプションはありません",
        "usage.unexpected.argument": "余分な引数があります: {argument}",
        "usage.did.you.mean": "（{word} のことですか？）",
        "usage.unknown.subcommand": "{word} というサブコマンドはありません",
        "usage.missing.subcommand": "{command} のサブコマンドを指定してください（{names}）",
        "usage.no.help": "{word} はサブコマンドではないため、説明がありません",
        "error.line": "エラー: {message}",
        "csv.line": "{line} 行目: {reason}",
        "csv.encoding.unknown":
            "UTF-8 でも CP932（Shift_JIS）でもないファイルです。Excel で「CSV」または「CSV UTF-8」として保存し直してください",
        "csv.quote.inside": "引用符で囲まれていない項目の中に引用符があります",
        "csv.text.after.quote": "閉じる引用符の後に文字があります",
        "csv.quote.open": "引用符で始まった項目が閉じられていません",
        "option.output":
            "ここに書き出します。csv では表形式の設問は FILE-<設問>.csv として横に書き出します。-o がなければ csv と md は主な表を標準出力に出します（xlsx は端末でないときだけ）",
        "option.encoding":
            "csv の文字コード: utf-8（既定。BOM 付きで、Excel でダブルクリックして開けます）または cp932（表せない文字があれば、その文字を示して失敗します）",
    ]
}
