#!/usr/bin/env bash
# `make mutants`: shard K of N of cargo-mutants over the core (.cargo/mutants.toml), in two passes so that a shard
# of ~500 mutants takes about half an hour on 2 cores: every mutant against every native test but the four slowest
# (a second or so per mutant instead of three), then each mutant that survived that pass against every test. Only a
# mutant that survives both is missed. Results: target/mutants/shard-K/{fast,all}/mutants.out.
set -euo pipefail
shard=$1
shards=$2
out=target/mutants/shard-$shard
slow=(--skip xor::the_mirrored_init --skip pipeline::the_whole_config --skip backprop_steps::the_numerical_gradient
      --skip lecture_claims::every_optimizer)
mkdir -p "$out"
cargo mutants --jobs 2 --shard "$shard/$shards" --sharding round-robin --output "$out/fast" \
    -- --lib --test core -- "${slow[@]}" || true
fast=$out/fast/mutants.out
count() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
echo "shard $shard/$shards, fast pass: $(count $fast/caught.txt) caught, $(count $fast/missed.txt) missed," \
    "$(count $fast/timeout.txt) timeout, $(count $fast/unviable.txt) unviable"
if [ ! -s "$fast/missed.txt" ]; then exit 0; fi
pattern=$(python3 -c 'import re, sys; print("|".join("^" + re.escape(l.strip()) + "$" for l in open(sys.argv[1]) if l.strip()))' \
    "$fast/missed.txt")
status=0
cargo mutants --jobs 2 --re "$pattern" --output "$out/all" || status=$?
all=$out/all/mutants.out
echo "shard $shard/$shards, survivors against every test: $(count $all/caught.txt) caught, $(count $all/missed.txt)" \
    "missed, $(count $all/timeout.txt) timeout (the missed ones: $all/missed.txt)"
exit $status
