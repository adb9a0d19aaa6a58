extension MessageCatalog {
    /// English messages: Survey.
    static let englishSurvey: [String: String] = [
        // renkei survey: help
        "survey.summary": "Publish, list, show and answer surveys",
        "survey.overview":
            "Surveys are data: the advisor publishes a schema, every replica receives it by sync, and each municipality answers offline, item by item. Answers are checked against the schema before anything is written.",
        "survey.publish.summary": "Publish a survey schema (the advisor); every replica receives it by sync",
        "survey.publish.overview":
            "Publish a survey: the schema (a JSON file) is checked, then written for every replica to receive at its next sync. Only the advisor's replica (scope shared) publishes surveys; publishing again replaces the schema, title and status.",
        "survey.list.summary": "List the surveys this replica holds: id, title, fiscal year, status",
        "survey.list.notes": "Surveys arrive by sync: none are listed before the first one.",
        "survey.show.summary": "Show a survey's items with this municipality's answers",
        "survey.show.notes":
            "Each item (or only <item>) with its answer: choices with their labels, numbers with their units, table rows with their columns; * marks a required item not answered yet, CONFLICT an answer with conflicting versions (see `renkei conflicts`). Below each item: its type and range, unit, choices (code=label), hint, when it is asked or required, and a table's rows and columns.",
        "survey.answer.summary": "Answer one item (or one cell of a table item), checked against the schema",
        "survey.answer.notes":
            "ARGUMENTS:\n  <value>        As you would write it: 12, 1,200,000, はい/いいえ, a choice code or its\n                 label, several choices as a,b, dates as 2025-04-01, 2025/4/1,\n                 令和7年4月1日 or R7.4.1 (stored as 2025-04-01); \"\" clears the answer\n\nAn answer the schema refuses is not written: the reason is given in Japanese and English (exit status 65).",
        "survey.check.summary": "Check this municipality's answers: required items answered, errors, completion",
        "survey.print.summary": "Print this municipality's answers as a readable sheet, to check before submitting",
        "survey.print.notes":
            "Every item in the survey's order with its section, question, answer as people read it (labels, units, dates) and what still needs attention (要修正: an error `survey check` finds; 確認: a warning; 対象外; 【競合】); then one table per answered table item.",
        "survey.print.json.output": "--json needs -o FILE: without it the sheet itself goes to standard output",
        "survey.carryover.summary": "Copy last year's answers into this year's survey, marked 前年度値 until confirmed",
        "survey.carryover.notes":
            "Copies this municipality's answers for items with the same id and type that are not answered in <to-survey> yet (a table when it has no row yet, with the columns of the same id and type), and only values <to-survey> accepts. Each copy is marked 前年度値: `survey check` warns of it and the progress report counts it until you change the answer or confirm it with `survey confirm`.",
        "survey.confirm.summary": "Confirm answers carried over from last year as they are",
        "survey.confirm.notes": "An item is B07, a table D01 (every carried row) or one row D01.r1.",
        "survey.submit.summary": "Submit this municipality's answers (提出): only when `survey check` finds no error",
        "survey.submit.notes":
            "A survey goes 回答中 (answering) -> 提出済 (submitted) -> 差戻し (returned by the advisor, with a comment) -> 提出済 again. Submitted answers are read-only, here and on the server, until the advisor returns them. The submission reaches the prefecture at the next `renkei sync`; `survey check` shows where the survey stands.",
        "survey.return.summary": "Return a municipality's submission with a comment (差戻し; the advisor)",
        "survey.return.notes":
            "Only a submitted survey can be returned. The municipality sees the comment in `survey check` after its next sync, can change its answers again, and submits again.",
        "survey.form.summary":
            "Write the Excel 回答票 to fill in: one sheet per section and table, dropdowns, answers so far",
        "survey.form.notes":
            "The form has a sheet of instructions, one sheet per section (number, question, answer, unit, how to answer) and one per table item (one row per table row). Only the yellow answer cells can be edited; choices are dropdowns, numbers and dates are checked by Excel. Fill it in with Excel or LibreOffice, then read it back with `renkei survey import <survey> <file>.xlsx`: answers you did not change are not written again.",
        "survey.import.summary": "Import answers from a CSV file or an Excel 回答票: all or none",
        "survey.import.notes":
            "EXCEL: the 回答票 that `survey form` wrote, saved by Excel or LibreOffice. Each problem is\nnamed by sheet and cell (シート「B 組織」のセル C5) with its reason.\n\nCSV: a CSV in UTF-8 (with or without BOM) or CP932 (what Excel saves as \"CSV\"),\nCRLF or LF, with the header\n  item,row,column,value      (row and column only for table items; item,value also works)\n  Every line is checked first; if any is wrong, each error is reported with its line\n  number and nothing is written. Values already held are not written again, so\n  importing the same file twice changes nothing.\n\nON BEHALF (代理入力): the advisor enters answers a municipality sent by mail with\n--on-behalf CODE, once an admin has run `renkei-server admin user allow-entry`.\nThe answers carry the advisor's name; the server's audit log records\non_behalf=CODE.",
        "survey.remove.row.summary": "Remove a row of a table item",
        "survey.remove.row.notes":
            "Every column of the row is written as null: a deletion, which an edit made elsewhere at the same time turns into a visible conflict, never a silent loss.",

        // renkei survey: messages
        "survey.publish.status": "--status is draft, open or closed",
        "survey.cannot.read": "cannot read {file}",
        "survey.publish.invalid": "{file} is not a valid survey: {error}",
        "survey.publish.not.advisor": "only the advisor's replica (scope shared) publishes surveys",
        "survey.published":
            "Published {survey} ({count} items, status {status}); it reaches every replica at the next sync.",
        "survey.list.none": "No surveys yet: sync to receive them.",
        "survey.no.item": "{survey} has no item {item}",
        "survey.show.conflict": "CONFLICT (see renkei conflicts)",
        "survey.show.legend": "* required and not answered yet",
        "survey.check.result":
            "{survey}: {answered} of {required} required items answered ({percent}%), {errors} error(s)",
        "survey.not.table": "{item} is not a table item of {survey}",
        "survey.no.row": "{item} has no row {row}",
        "survey.row.removed": "Removed row {row} of {item}.",
        "survey.nothing.written": "Nothing was written.",
        "survey.answer.cleared": "(cleared)",
        "survey.scope.shared":
            "answers belong to a municipality: this replica's scope is shared (the advisor's). To enter answers a municipality sent you, add --on-behalf CODE",
        "survey.on.behalf.not.advisor":
            "--on-behalf is for the advisor's replica; this replica works for {scope} and enters its own answers",
        "survey.on.behalf.not.allowed":
            "{name}（{code}）の代理入力は許可されていません。県の IT 担当に `renkei-server admin user allow-entry {user} {code}` を依頼し、`renkei sync` してください。\nThis advisor may not enter answers for {code}: ask IT staff to run allow-entry, then `renkei sync`.",
        "carryover.same.survey": "<from-survey> and <to-survey> must differ",
        "carryover.done":
            "{from} から {to} へ {items} 問と表の {rows} 行を前年度値として写しました。確かめて `renkei survey confirm {to} --all`（または値を直す）で確定します。{skipped}\nCarried {items} item(s) and {rows} table row(s) over from {from}; each is marked 前年度値 until confirmed or changed.",
        "carryover.confirm.name.items": "name the items to confirm, or --all (unconfirmed: {list})",
        "carryover.confirm.none": "none",
        "carryover.confirm.unknown": "{place} は前年度値の未確認の回答ではありません / {place} is no unconfirmed carry-over",
        "carryover.confirmed": "前年度値 {count} 件を確定しました / confirmed {count} carried-over answer(s).",
        "survey.form.exists": "{path} があります。上書きするときは --force を付けてください / {path} exists: add --force to overwrite it",
        "survey.form.cannot.write": "cannot write {path}: {reason}",
        "survey.form.written":
            "{path} に回答票を書き出しました（{name}、{count} 問）。{submitted}\nWrote the answer form to {path}; fill it in, then `renkei survey import {survey} {path}`.",
        "survey.import.done":
            "{file}: {written} 件の回答を書き込みました（変更なし {unchanged} 件）。次の `renkei sync` で送信されます。\nImported {written} changed answer(s) into {survey} for {code} ({unchanged} unchanged); they go out at the next sync.",
        "survey.import.csv.error": "{file}, {error}\nNothing was written.",
        "survey.import.empty": "{file} is empty",
        "survey.import.header": "{file}, line {line}: the header must be item,row,column,value (or item,value)",
        "survey.import.field.count": "line {line}: expected {expected} fields, found {found}",
        "survey.import.line": "line {line}",
        "survey.import.bad.lines": "{file} has {count} bad line(s); nothing was written:",
        "survey.submit.already":
            "{survey} は {when} に提出済みです（{user}）。変更するにはアドバイザーに差戻しを依頼してください。\nAlready submitted; ask the advisor to return it to change answers.",
        "survey.submit.errors":
            "回答にエラーが {count} 件あるため提出できません。上の項目を直してからもう一度提出してください。\n{count} error(s) found: fix them, then submit again. Nothing was submitted.",
        "survey.submitted":
            "{survey} を提出しました（必須項目 {answered}/{required}）。次の `renkei sync` で県に届きます。\nSubmitted; it reaches the prefecture at the next `renkei sync`. The answers are read-only until the advisor returns them.",
        "survey.return.comment.required": "--comment is required: say what the municipality should fix (差戻しの理由)",
        "survey.return.not.submitted":
            "{name} ({code}) の {survey} は {label} で、差し戻せるのは提出済みだけです（同期して最新の状態を確かめてください）。\nOnly a submitted survey can be returned; this one is {state}.",
        "survey.returned":
            "{name} ({code}) の {survey} を差し戻しました。次の `renkei sync` で団体に届きます。\nReturned with your comment; the municipality sees it after the next sync.",
        "answer.address.table": "{item} is a table: give a row id and a column ({columns})",
        "answer.address.no.column": "{item} has no column {column} ({columns})",
        "answer.address.not.table": "row and column are for table items only",
        "survey.form.unreadable": "{file}: {error}\nNothing was written.",
        "survey.form.not.form":
            "{file} は Renkei の回答票ではありません（シート「{sheet}」がありません）。`renkei survey form` で作った回答票を使ってください。\n{file} is not a Renkei answer form; nothing was written.",
        "survey.form.other.survey":
            "{file} は調査 {found} の回答票です（{survey} ではありません）。何も書き込んでいません。\n{file} is a form of another survey; nothing was written.",
        "survey.form.other.municipality":
            "{file} は {name}（{code}）の回答票です。{own_name}（{own}）には取り込めません。何も書き込んでいません。\n{file} is the form of municipality {code}, not {own}; nothing was written.",
        "survey.form.too.many.rows": "シート「{sheet}」: 行が {count} 行あります（{max} 行まで） / too many rows",
        "survey.form.error.value": "エラー値 {value} が入っています / the cell shows an error value",
        "survey.form.not.date": "日付として読めない数値 {number} です / not a date",
        "survey.import.twice": "{path} は {first} にもあります / given twice",
        "survey.import.refused":
            "{source} に {count} 件の誤りがあります。何も書き込んでいません。\n{source} has {count} problem(s); nothing was written:",
        "survey.locked":
            "{survey} は提出済みです。アドバイザーが差し戻すまで回答は変更できません（同期して最新の状態を確かめてください）。\n{survey} is submitted: its answers are read-only until the advisor returns it (sync to see the latest state).",
        "survey.submission.layout": "提出状態のレコードは {record} です / a submission's record is {layout} in its scope",
        "survey.not.open": "調査 {survey} は受け付けていません（締切済みまたは未公開） / the survey is not open",
        "survey.submit.check.errors":
            "回答にエラーが {count} 件あるため提出できません（renkei survey check {survey} で確認）。\nsurvey check finds {count} error(s): fix them before submitting.",
        "survey.stored.invalid": "the stored survey {survey} is not valid: {error}",
        "survey.not.found": "no survey {survey} here: run `renkei sync`, then `renkei survey list`",
        "survey.return.comment.invalid":
            "invalid field state.comment: a return needs a comment of 1 to {max} characters saying what to fix",

        // Answer checks, survey check findings and submission refusals (Models/Survey): both languages are computed
        "answer.item.unknown": "the survey has no such item",
        "answer.table.by.row": "a table item is answered row by row",
        "answer.table.fixed.rows": "the table has fixed rows and this is none of them",
        "answer.table.no.such.column": "the table has no such column",
        "answer.value.field": "this item is answered in its field `value`",
        "answer.own.code": "enter your own municipality's code",
        "answer.no.rows": "this item has no rows",
        "answer.carryover.malformed": "the carry-over marker is malformed",
        "answer.text.expected": "enter text",
        "answer.text.control": "line breaks and control characters are not allowed",
        "answer.text.too.long": "enter at most {max} characters",
        "answer.text.format": "the format is not the expected one",
        "answer.code.check.digit": "the municipality code's check digit is wrong",
        "answer.month.expected": "enter a month like 2026-03, 2026/3, 令和8年3月 or R8.3",
        "answer.date.expected": "enter a date like 2025-04-01, 2025/4/1, 令和7年4月1日 or R7.4.1",
        "answer.yes.no.choices": "answer yes or no ({codes})",
        "answer.yes.no": "answer yes or no",
        "answer.choice.one": "choose one of {codes}",
        "answer.choice.array": "give the choices as an array",
        "answer.choice.from": "choose from {codes}",
        "answer.choice.twice": "{code} is chosen twice",
        "answer.choice.exclusive": "\"{choice}\" cannot be combined with other choices",
        "answer.table.object": "give the table rows as an object keyed by row id",
        "answer.table.row.object": "a row is an object of column values",
        "answer.table.unknown.column": "the table has no column {column}",
        "answer.codelist.missing": "not in the list {list}",
        "answer.range.between": "from {low} to {high}",
        "answer.range.at.least": "of at least {low}",
        "answer.range.at.most": "of at most {high}",
        "answer.integer.expected": "enter a whole number {range}",
        "answer.money.expected": "enter a whole number {range} (yen)",
        "answer.number.expected": "enter a number",
        "answer.decimal.scale": "enter at most {scale} digits after the point",
        "answer.unit.suffix": " {unit}",
        "answer.decimal.at.least": "enter at least {low}{unit}",
        "answer.decimal.at.most": "enter at most {high}{unit}",
        "answer.date.impossible": "no such date ({reason})",
        "answer.date.no.month": "there is no month {month}",
        "answer.date.month.days": "{year}-{month} has {days} days",
        "answer.date.no.year": "there is no year {year} of {era}",
        "answer.date.era.began": "{era} began on {year}-{month}-{day}",
        "answer.date.era.ended": "{era} ended when {next} began on {year}-{month}-{day}",
        "survey.check.hidden.answered":
            "{path}: answered, but hidden by its condition (left out of reports; clear it if it is not needed)",
        "survey.check.conflict": "{path}: the answer has conflicting versions",
        "survey.check.missing": "{path}: required and not answered",
        "survey.check.missing.row": "{path} ({label}): required and not answered",
        "survey.check.row.rule": "{path}: {left} {op} {right} does not hold",
        "survey.check.unique.row": "{path}: same {columns} as row {row}",
        "survey.check.before.reference": "{path}: {column} is before the reference date {date}",
        "survey.check.sum": "{rule}: {parts} add up to {sum}, not {total} = {expected}",
        "survey.check.cross.rule": "{rule}: cross-item rule not met",
        "submission.refusal.not.allowed":
            "only the municipality's staff (or an advisor allowed to enter for it) submit",
        "submission.refusal.already.submitted": "it is already submitted",
        "submission.refusal.staff.return": "only the advisor returns a submission",
        "submission.refusal.not.submitted": "only a submitted survey can be returned",

        // Survey schema (questionnaire JSON) errors
        "questionnaire.part.survey.id": "survey id",
        "questionnaire.survey.id.slash": "must not contain /",
        "questionnaire.fiscal.year.value": "expected the year as an integer",
        "questionnaire.fiscal.year.period": "expected a date as YYYY-MM-DD",
        "questionnaire.fiscal.year.shape": "expected a year or {\"value\": year}",
        "questionnaire.too.many.items": "a survey has at most {limit} items",
        "questionnaire.too.many.columns": "a table has at most {limit} columns",
        "questionnaire.too.many.rules": "a survey has at most {limit} cross-item rules",
        "questionnaire.too.many.parts": "a sum has at most {limit} parts, each named once",
        "questionnaire.too.many.table.rules":
            "a table has at most {limit} row rules and {limit} unique rules, each unique rule of at most {columns} columns",
        "questionnaire.item.twice": "item {item} appears twice",
        "questionnaire.no.section": "a survey needs at least one section",
        "questionnaire.unknown.item": "refers to unknown item {item}",
        "questionnaire.condition.impossible": "{item} has no choice {value}: the condition could never hold",
        "questionnaire.unknown.codelist": "unknown codelist {list}",
        "questionnaire.rules.array": "expected an array",
        "questionnaire.sum.not.column": "{part} is not a column of a table",
        "questionnaire.codelist.code": "expected a code (text)",
        "questionnaire.codelist.unknown.source":
            "Renkei has no built-in list {source} (key {key}): give its codes inline as an array, or use {builtin}",
        "questionnaire.codelist.shape": "expected an array of codes or {\"source\", \"key\"}",
        "questionnaire.severity": "expected error, warning or info",
        "questionnaire.operator": "expected one of < <= == >= >",
        "questionnaire.sum.part": "expected ITEM or TABLE.COLUMN",
        "questionnaire.sum.no.parts": "needs at least one part",
        "questionnaire.unknown.rule": "unknown rule {rule}",
        "questionnaire.row.rule.compare": "only the compare rule is known for rows",
        "questionnaire.national.topic": "1-64 characters a-z 0-9 _",
        "questionnaire.national.answers": "an object of choice code -> national answer",
        "questionnaire.national.not.choice": "not a choice of this item",
        "questionnaire.national.answer.text": "a national answer (text)",
        "questionnaire.condition.one.test": "expected exactly one of equals, in, gt, gte, lt, lte",
        "questionnaire.item.id": "expected 1-32 characters A-Z a-z 0-9 _ -",
        "questionnaire.label.empty": "must not be empty",
        "questionnaire.validator.name": "expected a validator name",
        "questionnaire.unknown.validator": "unknown validator {name}",
        "questionnaire.national.kind": "only choice and yes/no items compare",
        "questionnaire.money.unit": "a money item's unit is 円 or 千円",
        "questionnaire.unknown.column": "unknown column {column}",
        "questionnaire.table.rule.unique": "only the unique rule is known for tables",
        "questionnaire.table.rule.columns": "expected column ids of this table",
        "questionnaire.rows.not.table": "rows, row and table rules belong to table items",
        "questionnaire.min.above.max": "min is above max",
        "questionnaire.pattern.invalid": "not a pattern surveys can use: {reason}",
        "questionnaire.scale": "digits after the point: 0 to 6",
        "questionnaire.number": "expected a number",
        "questionnaire.boolean.choices": "a yes/no item has exactly two choices",
        "questionnaire.exclusive.unknown": "not one of the choice codes",
        "questionnaire.table.in.table": "a table cannot be a column",
        "questionnaire.column.reserved": "{field} is reserved (it marks answers carried over from last year)",
        "questionnaire.column.twice": "column {column} appears twice",
        "questionnaire.table.no.columns": "a table needs columns",
        "questionnaire.row.key.unknown": "not one of the columns",
        "questionnaire.column.condition.unknown": "{column} refers to unknown column {subject}",
        "questionnaire.column.condition.impossible":
            "{column}: column {subject} has no choice {value}, so the condition could never hold",
        "questionnaire.unknown.type": "unknown type {type}",
        "questionnaire.choice.code": "a choice code is a-z, 0-9 and _",
        "questionnaire.choice.twice": "code {code} appears twice",
        "questionnaire.choices.empty": "needs at least one entry",
    ]
}
