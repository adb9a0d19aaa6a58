#!/usr/bin/env bash
# A survey round on real Osaka data, end to end with the real binaries:
#   - renkei-server on a data directory (default ./renkei-data/osaka-demo, port chosen freely);
#   - the prefecture provisions the 43 Osaka municipalities (Examples/data), one staff member
#     each, a second Osaka City staff member and the advisor, with tokens;
#   - the advisor publishes the example questionnaire; every municipality answers offline
#     (realistic values, varied per municipality) and syncs; two Osaka City staff change the same
#     answer offline: a conflict, resolved; the advisor holds a hearing with Sakai City with FAQ
#     items and shares a document;
#   - the advisor prints the progress report, writes the consolidated XLSX, the national
#     comparison with its charts and the analysis report in Word, publishes the FAQ to every
#     municipality, logs an inquiry and a meeting and writes the monthly report.
# Usage: Examples/osaka-demo.sh [BIN_DIR]   (BIN_DIR: where renkei and renkei-server are built)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-$(swift build --show-bin-path)}"
root="${RENKEI_DATA:-./renkei-data}/osaka-demo"
survey=osaka-muni-dx-survey-example
export RENKEI_RETRY_DELAYS="0.2,0.5"
started=$(date +%s)

rm -rf "$root"
mkdir -p "$root/homes" "$root/files"
"$bin/renkei-server" serve --data "$root/server" --listen 127.0.0.1:0 >"$root/server.out" 2>"$root/server.log" &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q "listening on" "$root/server.out" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's/.*listening on //p' "$root/server.out")"
[ -n "$url" ] || { echo "renkei-server did not start:"; cat "$root/server.log"; exit 1; }
admin() { "$bin/renkei-server" admin "$@" --data "$root/server"; }
replica() { local home="$1"; shift; "$bin/renkei" --home "$root/homes/$home" "$@"; }
step() { printf '\n== %s\n' "$1"; }

step "Provisioning: 43 municipalities, their staff, the advisor ($url)"
admin municipality import Examples/data/osaka_municipalities.csv
mapfile -t codes < <(tail -n +2 Examples/data/osaka_municipalities.csv | cut -d, -f1)
join() { replica "$1" init --scope "$2" --user "$3" >/dev/null; admin token issue "$3" 2>/dev/null | replica "$1" login --server "$url" --token - >/dev/null; }
admin user add advisor --role advisor >/dev/null
join advisor shared advisor
for code in "${codes[@]}"; do
    admin user add "staff-$code" --role staff --scope "$code" >/dev/null
    join "m$code" "$code" "staff-$code"
done
admin user add suzuki --role staff --scope 271004 >/dev/null
join m271004-suzuki 271004 suzuki
echo "43 municipalities, $(( ${#codes[@]} + 2 )) users with tokens"

step "The advisor publishes the example questionnaire"
replica advisor survey publish Examples/data/questionnaire_example.json
replica advisor sync >/dev/null

step "Every municipality answers offline, then syncs"
index=0
for code in "${codes[@]}"; do
    replica "m$code" sync >/dev/null
    cio=$([ $((index % 4)) -eq 3 ] && echo no || echo yes)
    org=(dedicated concurrent none); plan=(adopted drafting planned none); online=(introduced this_fy next_fy_or_later none)
    staff=$((2 + (index * 7) % 19))
    {
        echo "item,row,column,value"
        echo "A01,,,$code"
        echo "A02,,,デジタル推進課"
        echo "A03,,,2025-07-$(printf %02d $((1 + index % 28)))"
        echo "B01,,,$cio"
        [ "$cio" = yes ] && echo "B02,,,$([ $((index % 2)) -eq 0 ] && echo deputy_head || echo director)"
        assistant=$([ $((index % 3)) -eq 0 ] && echo yes || echo no)
        echo "B03,,,$assistant"
        [ "$assistant" = yes ] && echo "B04,,,no"
        echo "B08,,,$((index % 4))"
        [ $((index % 4)) -gt 0 ] && echo "B09,,,ninkitsuki"
        echo "B05,,,yes"
        echo "B06,,,${org[$((index % 3))]}"
        echo "B07,,,$staff"
        echo "B10,,,${plan[$((index % 4))]}"
        echo "C01,,,${online[$((index % 4))]}"
        [ "${online[$((index % 4))]}" = introduced ] && echo "C02,,,電子申請サービス（共同利用）"
        echo "C04,,,$((20 + index * 3))"
        echo "F01,,,$([ $((index % 3)) -eq 0 ] && echo alpha_prime || echo alpha)"
        echo "F02,,,$([ $((index % 5)) -eq 0 ] && echo no || echo yes)"
        echo "G02,,,$([ $((index % 2)) -eq 0 ] && echo yes || echo no)"
        echo "G03,,,\"$(( (index + 1) * 1250000 ))\""
        echo "D02,,,2026-0$((1 + index % 3))"
        echo "D01,r1,vendor_name,ベンダー$((index % 5 + 1))株式会社"
        echo "D01,r1,category,jumin_kihon_daicho"
        echo "D01,r1,contract_start,2024-04-01"
        echo "D01,r1,contract_end,2029-03-31"
    } >"$root/files/answers-$code.csv"
    replica "m$code" survey import "$survey" "$root/files/answers-$code.csv" >/dev/null
    replica "m$code" sync >/dev/null
    index=$((index + 1))
done
echo "43 municipalities answered"

step "Two Osaka City staff change B07 offline: a conflict, seen and resolved"
replica m271004-suzuki sync >/dev/null
replica m271004 survey answer "$survey" B07 12
replica m271004-suzuki survey answer "$survey" B07 14
replica m271004 sync >/dev/null; replica m271004-suzuki sync >/dev/null; replica m271004 sync >/dev/null
replica m271004 conflicts
replica m271004 conflicts resolve "answers/$survey/271004/B07#value" --value 14
replica m271004 sync >/dev/null

step "Sakai City writes its Excel 回答票 and reads it back; municipalities check and submit"
replica m271403 sync >/dev/null
replica m271403 survey form "$survey" -o "$root/files/回答票_堺市.xlsx"
replica m271403 survey import "$survey" "$root/files/回答票_堺市.xlsx"
for code in 271004 271403 272027; do
    replica "m$code" survey check "$survey" | sed -n '1,2p'
    replica "m$code" survey submit "$survey"
    replica "m$code" sync >/dev/null
done
replica advisor sync >/dev/null
replica advisor survey return "$survey" 272027 --comment "B07 の職員数に兼務者を含めてください"
replica advisor sync >/dev/null; replica m272027 sync >/dev/null
replica m272027 survey check "$survey" | sed -n '2,3p'

step "The advisor holds a hearing with Sakai City; FAQ items; a shared document"
hearing=$(replica advisor hearing new --municipality 271403 --date 2025-08-05 --place 堺市役所 --attendees "情報政策課 2名")
replica advisor hearing item add "$hearing" --question "標準準拠システムへの移行はいつまでに？" --answer "令和7年度末までに20業務を移行予定。ガバメントクラウド利用。" --category standardization --faq >/dev/null
replica advisor hearing item add "$hearing" --question "書かない窓口の進め方は？" --answer "まず住民異動届から。申請書作成支援システムを試行中。" --category frontyard --faq >/dev/null
printf 'ヒアリング記録（堺市・2025-08-05）\n標準化の移行計画と書かない窓口の試行について。\n' >"$root/files/ヒアリング記録_堺市.txt"
replica advisor docs put "$root/files/ヒアリング記録_堺市.txt" --folder ヒアリング/2025 --note "共有用"
replica advisor sync

step "Progress report (advisor, offline)"
replica advisor report progress "$survey" --format md | sed -n '1,14p'
echo "…"
replica advisor report progress "$survey" --format md | grep -E "^\| B01 "
step "FAQ"
replica advisor report faq
step "Consolidated Excel (print-ready, charts), the national comparison and the analysis report in Word"
replica advisor report survey "$survey" --format xlsx -o "$root/調査結果.xlsx"
replica advisor report progress "$survey" --group-by kind --compare national --format md | grep -E "^\| B01 .*府内全体"
replica advisor report progress "$survey" --compare national --format xlsx -o "$root/回答状況と全国比較.xlsx"
replica advisor report analysis "$survey" -o "$root/分析報告書.docx"
step "The FAQ published to every municipality; the advisor's work log and monthly report"
replica advisor report faq --publish
replica advisor log inquiry add --municipality 272027 --date 2025-08-06 --channel phone --theme 調査 \
    --question "B07 の兼務者の数え方は？" --answer "兼務者も含めて回答（差戻しコメント参照）" --minutes 15 >/dev/null
replica advisor log meeting add --date 2025-08-07 --kind 定例会 --title "8月定例会" --points "ヒアリングの進捗" >/dev/null
replica advisor sync >/dev/null; replica m272027 sync >/dev/null
replica m272027 docs ls --folder FAQ
replica advisor report monthly 2025-08 --format md | sed -n '/## 1\./,/## 2\./p' | grep "^|"
replica advisor report monthly 2025-08 -o "$root/月次報告_2025年8月.docx"
admin audit verify | head -1

kill -TERM "$server_pid"; wait "$server_pid" || true; trap - EXIT
echo
echo "Osaka demo finished in $(( $(date +%s) - started )) s; the deliverables are in $root: 調査結果.xlsx, 回答状況と全国比較.xlsx, 分析報告書.docx, 月次報告_2025年8月.docx"
