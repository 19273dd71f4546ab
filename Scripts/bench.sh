#!/usr/bin/env bash
# The benchmark: qaf against the input/output floor (shared/bench/floor.py), measured in one run on one corpus.
#   bash Scripts/bench.sh [RECORDS]        (default 100000; peak memory is also measured at 10 × RECORDS)
# Prints a Markdown table: seconds, records/s, ratio to the floor, peak memory; then evaluation alone.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
big=$((records * 10))
work=${QAF_BENCH_DIR:-.build/bench}
floor=${QAF_FLOOR:-../shared/bench/floor.py}
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
python3 -c "import orjson" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore orjson

swift build -c release --product qaf >/dev/null
swift build -c release --product qaf-bench >/dev/null
qaf=.build/release/qaf

[ -s "$work/corpus-$records.jsonl" ] || $qaf corpus --count "$records" --seed 1 --output "$work/corpus-$records.jsonl"
[ -s "$work/corpus-$big.jsonl" ] || $qaf corpus --count "$big" --seed 1 --output "$work/corpus-$big.jsonl"

calc() { awk "BEGIN { print $1 }"; }

# seconds and peak resident memory (KiB) of a command, via GNU time
measure() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt"; exit 1; }; cat "$work/time.txt"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); swift $(swift --version 2>/dev/null | head -1 | sed 's/.*version \([0-9.]*\).*/\1/')"
echo "corpus: $records records, $(du -h "$work/corpus-$records.jsonl" | cut -f1) of JSON Lines"
echo
echo "| run | seconds | records/s | ratio to floor | peak memory |"
echo "|---|---:|---:|---:|---:|"
read -r fs fm < <(measure python3 "$floor" "$work/corpus-$records.jsonl" "$work/floor.jsonl")
printf "| floor.py (orjson): read, parse, write | %s | %.0f | 1.00 | %d MiB |\n" "$fs" "$(calc "$records / $fs")" $((fm / 1024))
for policy in salford herefordshire calderdale bath-and-north-east-somerset; do
  read -r s m < <(measure $qaf evaluate --policy "Policies/$policy.yaml" "$work/corpus-$records.jsonl" --format jsonl --output "$work/out.jsonl")
  printf "| qaf evaluate, %s | %s | %.0f | %.2f | %d MiB |\n" "$policy" "$s" "$(calc "$records / $s")" "$(calc "$s / $fs")" $((m / 1024))
done
read -r s m < <(measure $qaf evaluate --policy Policies/ "$work/corpus-$records.jsonl" --format jsonl --output "$work/out.jsonl")
printf "| qaf evaluate, all four policies | %s | %.0f | %.2f | %d MiB |\n" "$s" "$(calc "$records / $s")" "$(calc "$s / $fs")" $((m / 1024))
read -r bs bm < <(measure $qaf evaluate --policy Policies/salford.yaml "$work/corpus-$big.jsonl" --format jsonl --output "$work/out.jsonl")
read -r ss sm < <(measure $qaf evaluate --policy Policies/salford.yaml "$work/corpus-$records.jsonl" --format jsonl --output "$work/out.jsonl")
printf "| qaf evaluate, salford, %d records | %s | %.0f | | %d MiB (%.2f × the %d-record run) |\n" "$big" "$bs" "$(calc "$big / $bs")" $((bm / 1024)) "$(calc "$bm / $sm")" "$records"
echo
echo "Evaluation alone (records decoded first, then evaluated):"
echo
.build/release/qaf-bench "$work/corpus-$records.jsonl" Policies
