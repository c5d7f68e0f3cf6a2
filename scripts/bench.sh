#!/usr/bin/env bash
# End-to-end benchmark of `polyalign align` on generated corpora (examples/gen_corpus.rs).
#
# For each size (MB, default "10 30 100"): generates the corpus once (cached under
# bench-data/<N>mb, git-ignored; its marker bench-data/<N>mb.done sits beside it, not inside,
# where it would be read as an empty page), runs `/usr/bin/time -v polyalign align DIR -o OUT --quiet`
# with 2 threads and with RAYON_NUM_THREADS=1, and prints a markdown table: wall time, MB/s of
# input pages, peak RSS, CPU% (200% = both cores busy), whether the 1- and 2-thread outputs are
# byte-identical (diff -r), and lingua's share of the bytes (from the run's langid stats when
# available); then the wall time of each stage of the 2-thread runs and grouping's share.
#
# Usage: scripts/bench.sh [SIZES...]      e.g. scripts/bench.sh 10 30 100
#   SKIP_ONE_THREAD=1  skip the 1-thread run (no byte-identity check)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10 30 100)
TARGET="${CARGO_TARGET_DIR:-target}"
DATA=bench-data
mkdir -p "$DATA"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt)" >&2
  sudo apt-get install -y time >/dev/null 2>&1 || apt-get install -y time >/dev/null
fi

cargo build --release --quiet --bin polyalign --example gen_corpus
BIN="$TARGET/release/polyalign"
GEN="$TARGET/release/examples/gen_corpus"

# The criterion benches (benches/pipeline.rs, benches/langid.rs) use a 1 MB corpus.
if [ ! -f "$DATA/1mb.done" ]; then
  "$GEN" --mb 1 --out "$DATA/1mb" >&2 && touch "$DATA/1mb.done"
fi

# field NAME FILE: a value from `time -v` output.
field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }

# wall-clock "h:mm:ss" or "m:ss.cc" → seconds
secs() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }' <<<"$1"; }

run() { # run THREADS DIR OUT LOG
  rm -rf "$3"
  POLYALIGN_DEBUG=1 RAYON_NUM_THREADS="$1" /usr/bin/time -v "$BIN" align "$2" -o "$3" --quiet >/dev/null 2>"$4" || {
    local rc=$?
    # exit code 1 = warnings/errors in the input, still a finished run
    [ $rc -le 2 ] || { cat "$4" >&2; exit $rc; }
  }
}

echo "| corpus | input MB | files | threads | wall s | MB/s | CPU s (user+sys) | MB per CPU s | peak RSS MB | CPU % | 1 vs 2 threads |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for mb in "${SIZES[@]}"; do
  dir="$DATA/${mb}mb"
  if [ ! -f "$dir.done" ]; then
    "$GEN" --mb "$mb" --out "$dir" >&2
    touch "$dir.done"
  fi
  bytes=$(find -L "$dir" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  files=$(find -L "$dir" -type f -name '*.txt' | wc -l)
  inmb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b/1e6 }')
  same="(skipped)"
  threads_list=(2)
  [ "${SKIP_ONE_THREAD:-0}" = 1 ] || threads_list=(2 1)
  for t in "${threads_list[@]}"; do
    out="$DATA/out-${mb}mb-t$t"
    log="$DATA/time-${mb}mb-t$t.log"
    run "$t" "$dir" "$out" "$log"
    wall=$(secs "$(field 'Elapsed (wall clock)' "$log")")
    rss=$(field 'Maximum resident set size' "$log")
    cpu=$(field 'Percent of CPU' "$log")
    cpus=$(awk -v u="$(field 'User time' "$log")" -v s="$(field 'System time' "$log")" 'BEGIN { printf "%.1f", u+s }')
    mbc=$(awk -v b="$bytes" -v s="$cpus" 'BEGIN { printf "%.2f", b/1e6/s }')
    mbs=$(awk -v b="$bytes" -v s="$wall" 'BEGIN { printf "%.2f", b/1e6/s }')
    rssmb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k/1024 }')
    if [ "$t" = 1 ]; then
      if diff -r -q "$DATA/out-${mb}mb-t2" "$out" >/dev/null; then same="identical"; else same="DIFFERENT"; fi
    fi
    echo "| ${mb} MB | $inmb | $files | $t | $wall | $mbs | $cpus | $mbc | $rssmb | $cpu | $([ "$t" = 1 ] && echo "$same" || echo "") |"
  done
done

# Wall time per stage of the 2-thread runs (the `polyalign: stage NAME S` lines POLYALIGN_DEBUG
# prints) and grouping's share of the whole run.
stages=(ingest statements langid features group align audit export)
# One value per stage from the `polyalign: stage NAME S rss R MB, peak P MB, cpu C s` lines of a
# log: the wall seconds, or the CPU share (CPU seconds / wall seconds).
stage_value() { # LOG STAGE wall|cpu
  awk -v s="$2" -v what="$3" '$1 == "polyalign:" && $2 == "stage" && $3 == s {
    if (what == "wall") printf "%.2f", $4
    else for (i = 5; i < NF; i++) if ($i == "cpu" && $4 > 0) printf "%.0f%%", 100 * $(i + 1) / $4
  }' "$1"
}
echo
echo "| corpus | $(IFS='|'; echo "${stages[*]}" | sed 's/|/ s | /g') s | whole run s | group share |"
echo "|---|$(for _ in "${stages[@]}"; do printf -- '---|'; done)---|---|"
for mb in "${SIZES[@]}"; do
  log="$DATA/time-${mb}mb-t2.log"
  row="| ${mb} MB |"
  for st in "${stages[@]}"; do
    row="$row $(stage_value "$log" "$st" wall) |"
  done
  wall=$(secs "$(field 'Elapsed (wall clock)' "$log")")
  share=$(awk -v w="$wall" '$1 == "polyalign:" && $2 == "stage" && $3 == "group" { printf "%.0f%%", 100 * $4 / w }' "$log")
  echo "$row $wall | $share |"
done
# How busy the two cores were in each stage of the 2-thread runs (200% = both cores busy):
# where the run is serial.
echo
echo "| corpus | $(IFS='|'; echo "${stages[*]}" | sed 's/|/ CPU | /g') CPU |"
echo "|---|$(for _ in "${stages[@]}"; do printf -- '---|'; done)"
for mb in "${SIZES[@]}"; do
  log="$DATA/time-${mb}mb-t2.log"
  row="| ${mb} MB |"
  for st in "${stages[@]}"; do
    row="$row $(stage_value "$log" "$st" cpu) |"
  done
  echo "$row"
done
