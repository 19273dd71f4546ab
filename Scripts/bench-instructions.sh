#!/usr/bin/env bash
# Before (a checkout given as the argument, built with swift build -c release) and after (this checkout, the same),
# counted in machine instructions by valgrind (callgrind) rather than timed: the count does not move with the load
# of a shared machine, so a change of a few per cent shows. 20,000 records of the seeded corpus; outputs compared.
set -euo pipefail
B=$(cd "${1:?usage: bash Scripts/bench-instructions.sh BEFORE-CHECKOUT}" && pwd); A=$(cd "$(dirname "$0")/.." && pwd)
W=$A/.build/bench-instructions; mkdir -p $W
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
C=$W/corpus.jsonl
[ -s $C ] || $A/.build/release/qaf corpus --count 20000 --seed 1 --output $C
# valgrind cannot read the toolchain's debug information: count on copies without it.
strip -o $W/qaf-before $B/.build/release/qaf; strip -o $W/qaf-after $A/.build/release/qaf
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
echo "| run | instructions before | instructions after | after ÷ before | same output |"
echo "|---|---:|---:|---:|---|"
for p in salford herefordshire calderdale bath-and-north-east-somerset ""; do
  for f in "jsonl" "csv"; do
    [ "$f" = csv ] && [ -n "$p" ] && continue
    b=$(cd $B && count $W/qaf-before evaluate --policy Policies/${p:+$p.yaml} $C --format $f --output $W/before.out)
    a=$(cd $A && count $W/qaf-after evaluate --policy Policies/${p:+$p.yaml} $C --format $f --output $W/after.out)
    same=$(cmp -s $W/before.out $W/after.out && echo yes || echo NO)
    awk -v p="${p:-all four}" -v f=$f -v b=$b -v a=$a -v s=$same 'BEGIN{printf "| %s, --format %s | %.0f | %.0f | %.4f | %s |\n", p, f, b, a, a/b, s}'
  done
done
