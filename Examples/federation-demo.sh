#!/usr/bin/env bash
# Federation: the prefecture's server syncs upward, as one more replica, to a national server.
#   - uses the prefecture data of Examples/osaka-demo.sh (runs it first when missing);
#   - starts the prefecture server on it and a second, empty "national" server;
#   - the national server registers the prefecture as a user (--role admin: it writes every
#     Osaka scope) and issues its token; `renkei-server federate` sends everything up, files too;
#   - a national advisor's replica pulls from the national server: its dump is byte-identical
#     to the prefecture advisor's, the shared document downloads with the same SHA-256;
#   - nothing echoes back: the prefecture's sequence is unchanged, a second round sends nothing,
#     and after one more answer in Osaka exactly one version goes up.
# Usage: Examples/federation-demo.sh [BIN_DIR]   (BIN_DIR: where renkei and renkei-server are built)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-$(swift build --show-bin-path)}"
demo="${RENKEI_DATA:-./renkei-data}/osaka-demo"
root="${RENKEI_DATA:-./renkei-data}/federation-demo"
export RENKEI_RETRY_DELAYS="0.2,0.5"
started=$(date +%s)
[ -f "$demo/server/renkei.sqlite" ] || Examples/osaka-demo.sh "$bin" >/dev/null

rm -rf "$root"
mkdir -p "$root"
pids=()
trap 'for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done' EXIT
serve() {  # name data-dir: starts a server, prints its URL
    "$bin/renkei-server" serve --data "$2" --listen 127.0.0.1:0 >"$root/$1.out" 2>"$root/$1.log" &
    pids+=($!)
    for _ in $(seq 1 50); do grep -q "listening on" "$root/$1.out" 2>/dev/null && break; sleep 0.1; done
}
step() { printf '\n== %s\n' "$1"; }
sequence() { "$bin/renkei-server" status --data "$1" --json | sed 's/.*"sequence":\([0-9]*\).*/\1/'; }

serve prefecture "$demo/server"
prefecture="$(sed -n 's/.*listening on //p' "$root/prefecture.out")"
serve national "$root/national"
national="$(sed -n 's/.*listening on //p' "$root/national.out")"
[ -n "$prefecture" ] && [ -n "$national" ] || { echo "a server did not start"; cat "$root"/*.log; exit 1; }
national_admin() { "$bin/renkei-server" admin "$@" --data "$root/national"; }

step "The national server ($national) registers Osaka Prefecture's server ($prefecture)"
national_admin municipality import Examples/data/osaka_municipalities.csv
national_admin user add osaka-prefecture --role admin >/dev/null
national_admin user add national-advisor --role advisor >/dev/null
(umask 077; national_admin token issue osaka-prefecture 2>/dev/null | grep -o 'rk_[0-9a-f]*' >"$root/uplink-token")
before=$(sequence "$demo/server")
echo "prefecture server at sequence $before; national server at sequence $(sequence "$root/national")"

step "First round: everything goes up"
"$bin/renkei-server" federate --upstream "$national" --token-file "$root/uplink-token" --data "$demo/server"

step "A national advisor pulls from the national server"
"$bin/renkei" --home "$root/national-advisor" init --scope shared --user national-advisor >/dev/null
national_admin token issue national-advisor 2>/dev/null | grep -o 'rk_[0-9a-f]*' \
    | "$bin/renkei" --home "$root/national-advisor" login --server "$national" --token - >/dev/null
"$bin/renkei" --home "$root/national-advisor" sync
"$bin/renkei" --home "$demo/homes/advisor" sync --server "$prefecture" >/dev/null
"$bin/renkei" --home "$root/national-advisor" dump >"$root/national.dump"
"$bin/renkei" --home "$demo/homes/advisor" dump >"$root/prefecture.dump"
if cmp -s "$root/national.dump" "$root/prefecture.dump"; then
    echo "national dump == prefecture dump: $(wc -l <"$root/national.dump") registers, byte-identical ($(sha256sum <"$root/national.dump" | cut -c1-16)…)"
else
    echo "the dumps differ:"; diff "$root/prefecture.dump" "$root/national.dump" | head; exit 1
fi
document=$("$bin/renkei" --home "$root/national-advisor" docs ls --json | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
"$bin/renkei" --home "$root/national-advisor" docs get "$document" -o "$root/downloaded.txt" >/dev/null
echo "the shared document downloads from the national server: $(sha256sum <"$root/downloaded.txt" | cut -c1-16)… ($(wc -c <"$root/downloaded.txt") bytes)"

step "Nothing echoes back"
echo "prefecture sequence before $before, after $(sequence "$demo/server")"
"$bin/renkei-server" federate --upstream "$national" --token-file "$root/uplink-token" --data "$demo/server"
"$bin/renkei" --home "$demo/homes/advisor" sync

step "One more answer in Toyonaka City (Sakai City has submitted): exactly one version goes up"
"$bin/renkei" --home "$demo/homes/m272035" sync --server "$prefecture" >/dev/null
"$bin/renkei" --home "$demo/homes/m272035" survey answer osaka-muni-dx-survey-example B07 31 >/dev/null
"$bin/renkei" --home "$demo/homes/m272035" sync >/dev/null
"$bin/renkei-server" federate --upstream "$national" --token-file "$root/uplink-token" --data "$demo/server" --json

for pid in "${pids[@]}"; do kill -TERM "$pid"; wait "$pid" || true; done
trap - EXIT
echo
echo "Federation demo finished in $(( $(date +%s) - started )) s"
