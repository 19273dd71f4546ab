#!/usr/bin/env bash
# Before (a checkout given as the argument) and after (this checkout) in one run, on one corpus, beside both floors; 3 alternated rounds, medians.
set -euo pipefail
B=$(cd "${1:?usage: bash Scripts/bench-before-after.sh BEFORE-CHECKOUT (built with swift build -c release)}" && pwd); A=$(cd "$(dirname "$0")/.." && pwd); W=$A/.build/bench-ab; mkdir -p $W
C=$W/corpus.jsonl
[ -s $C ] || $B/.build/release/qaf corpus --count 100000 --seed 1 --output $C
python3 -c "import orjson" 2>/dev/null || python3 -m pip install -q orjson
t() { /usr/bin/time -f "%e" -o $W/t "$@" >/dev/null 2>/dev/null; cat $W/t; }
declare -A R
for round in 1 2 3; do
  R[floor]+="$(t python3 $A/../shared/bench/floor.py $C $W/f.jsonl) "
  R[native]+="$(t bash $A/../shared/bench/native-floor.sh $C $W/n.out) "
  for p in salford herefordshire calderdale bath-and-north-east-somerset; do
    R[before-$p]+="$(cd $B && t .build/release/qaf evaluate --policy Policies/$p.yaml $C --format jsonl --output $W/o1.jsonl) "
    R[after-$p]+="$(cd $A && t .build/release/qaf evaluate --policy Policies/$p.yaml $C --format jsonl --output $W/o2.jsonl) "
  done
  R[before-all]+="$(cd $B && t .build/release/qaf evaluate --policy Policies/ $C --format jsonl --output $W/o1.jsonl) "
  R[after-all]+="$(cd $A && t .build/release/qaf evaluate --policy Policies/ $C --format jsonl --output $W/o2.jsonl) "
done
med() { echo $1 $2 $3 | tr ' ' '\n' | sort -n | sed -n 2p; }
f=$(med ${R[floor]}); n=$(med ${R[native]})
echo "| run | before s | after s | before ÷ floor.py | after ÷ floor.py | after ÷ native floor | after ÷ before |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| floor.py (orjson) | $f | | 1.00 | | | |"
echo "| native floor (simdjson) | $n | | | | | |"
for p in salford herefordshire calderdale bath-and-north-east-somerset all; do
  b=$(med ${R[before-$p]}); a=$(med ${R[after-$p]})
  awk -v p=$p -v b=$b -v a=$a -v f=$f -v n=$n 'BEGIN{printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", p, b, a, b/f, a/f, a/n, a/b}'
done
echo
echo "Evaluation alone (qaf-bench), before:"; (cd $B && .build/release/qaf-bench $C Policies 2>&1 | tail -n 8)
echo "after:"; (cd $A && .build/release/qaf-bench $C Policies 2>&1 | tail -n 8)
