#!/bin/sh
# hbayes side of the 2026-11-29 user sweep: the CLI from source (dist/ may be stale), default
# settings (4 chains, 1000 warmup + 1000 draws, seed 1), CPU and wall time of the whole command.
# Usage (from the repo root): sh bench/qa/run-hbayes.sh OUTROOT [name ...]
out=$1; shift
D=bench/qa/data
cli() {
  n=$1; shift
  /usr/bin/time -f "$n cpu_user_s=%U cpu_sys_s=%S wall_s=%e" -a -o "$out/times.txt" \
    npx tsx bench/qa/cli.ts fit --out "$out/$n" "$@" > "$out/$n.txt" 2>&1
}
for name in "$@"; do
  case $name in
    penicillin) cli penicillin --data $D/penicillin.csv --formula "diameter ~ 1 + (1 | plate) + (1 | sample)" ;;
    epilepsy) cli epilepsy --data $D/epilepsy.csv --formula "count ~ zAge + zBase * Trt + (1 | patient)" --family poisson ;;
    roaches) cli roaches --data $D/roaches.csv --formula "y ~ roach1s + treatment + senior + offset(log(exposure2))" --family negbinomial ;;
    grouseticks) cli grouseticks --data $D/grouseticks.csv --formula "TICKS ~ factor(YEAR) + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION) + (1 | INDEX)" --family poisson ;;
    verbagg) cli verbagg --data $D/verbagg80.csv --formula "r2y ~ Anger + Gender + btype + mode + (1 + mode | id) + (1 | item)" --family bernoulli ;;
    cake) cli cake --data $D/cake.csv --formula "angle ~ recipe + temp + (1 | recipe:replicate)" --family gamma ;;
    insteval) cli insteval --data $D/insteval150.csv --formula "y ~ service + (1 | s) + (1 | d)" ;;
  esac
done
