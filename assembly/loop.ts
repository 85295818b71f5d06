// A stretch of a chain's iterations in one call: the transition, then (warmup) dual averaging's
// update and the Welford estimate of the current adaptation window, and the recording of saved
// draws, so JavaScript runs once per stretch instead of once per iteration. The same arithmetic in
// the same order as src/inference/chain.ts with dualAveraging.ts and welford.ts, JavaScript's own
// exp and pow, so the draws are the same bits. JavaScript does the rest (window ends: the metric,
// the step-size search, dual averaging's restart; warmup's end) between calls.
import { jsExp, jsPow } from "./host";
import {
  DA_COUNTER, DA_DELTA, DA_GAMMA, DA_KAPPA, DA_MU, DA_S_BAR, DA_STEP_SIZE, DA_T0, DA_X_BAR, INFO_ACCEPT_STAT,
  INFO_DIVERGENT, INFO_ENERGY, INFO_N_LEAPFROG, INFO_TREE_DEPTH, LOOP_DEPTH_HITS, LOOP_DIVERGENCES, LOOP_GRADIENTS,
  LOOP_HEADER_BYTES, LOOP_MAX_ROWS, MODE_DENSE_METRIC, MODE_DENSE_WELFORD, MODE_RECORD, MODE_WARMUP, MODE_WELFORD, RNG_HAS_SPARE,
  RNG_SPARE, RNG_WORDS, ROW_SAMPLER_VARIABLES, STATE_LOG_DENSITY, WELFORD_N,
} from "./layout";
import { base, n, nb, position, transition, useWorkspace } from "./transition";
import { rngLoad, rngStore } from "./rng";

/** dualAveraging.ts dualAveragingUpdate on the state at `lb`. */
function dualAveragingUpdate(lb: usize, acceptStat: f64): void {
  const counter = load<f64>(lb + DA_COUNTER) + 1;
  store<f64>(lb + DA_COUNTER, counter);
  const a = acceptStat > 1 ? 1 : acceptStat;
  const eta = 1 / (counter + load<f64>(lb + DA_T0));
  const sBar = (1 - eta) * load<f64>(lb + DA_S_BAR) + eta * (load<f64>(lb + DA_DELTA) - a);
  store<f64>(lb + DA_S_BAR, sBar);
  const x = load<f64>(lb + DA_MU) - (sBar * sqrt<f64>(counter)) / load<f64>(lb + DA_GAMMA);
  const xEta = jsPow(counter, -load<f64>(lb + DA_KAPPA));
  store<f64>(lb + DA_X_BAR, (1 - xEta) * load<f64>(lb + DA_X_BAR) + xEta * x);
  store<f64>(lb + DA_STEP_SIZE, jsExp(x));
}

/** welford.ts welfordAdd of the chain's position. */
function welfordAdd(lb: usize, denseWelford: bool): void {
  const count = load<f64>(lb + WELFORD_N) + 1;
  store<f64>(lb + WELFORD_N, count);
  const mean = lb + LOOP_HEADER_BYTES;
  const delta = mean + nb;
  const m2 = delta + nb;
  for (let o: usize = 0; o < nb; o += 8) {
    const d = load<f64>(position + o) - load<f64>(mean + o);
    store<f64>(delta + o, d);
    store<f64>(mean + o, load<f64>(mean + o) + d / count);
  }
  if (!denseWelford) {
    for (let o: usize = 0; o < nb; o += 8) {
      store<f64>(m2 + o, load<f64>(m2 + o) + load<f64>(delta + o) * (load<f64>(position + o) - load<f64>(mean + o)));
    }
    return;
  }
  let row = m2;
  for (let o: usize = 0; o < nb; o += 8) {
    const di = load<f64>(position + o) - load<f64>(mean + o);
    for (let j: usize = 0; j < nb; j += 8) store<f64>(row + j, load<f64>(row + j) + di * load<f64>(delta + j));
    row += nb;
  }
}

/**
 * Runs iterations `first` .. `first + count − 1` of the current phase (warmup or sampling, as
 * `mode` says) of the chain whose workspace is at `at` and loop block at `lb`, from the state and
 * generator in the workspace, which it leaves at the last iteration's. A warmup iteration takes
 * dual averaging's step size and updates it, and adds the draw to the Welford estimate under
 * MODE_WELFORD; a sampling iteration takes `eps`. Under MODE_RECORD every iteration whose index is a
 * multiple of `thin` is recorded after the Welford block (layout.ts: sampler variables as columns,
 * for the host's TypedArray.set; positions as rows, for its constrain). Writes the counters to the loop
 * block's header; returns the rows written.
 */
export function run(at: usize, lb: usize, first: i32, count: i32, mode: i32, thin: i32, maxDepth: i32, eps: f64, maxDelta: f64): i32 {
  useWorkspace(at);
  rngLoad(base + RNG_WORDS, base + RNG_HAS_SPARE, base + RNG_SPARE);
  const warmup = (mode & MODE_WARMUP) != 0;
  const welford = (mode & MODE_WELFORD) != 0;
  const record = (mode & MODE_RECORD) != 0;
  const denseMetric = (mode & MODE_DENSE_METRIC) != 0 ? 1 : 0;
  const denseWelford = (mode & MODE_DENSE_WELFORD) != 0;
  const columns = lb + LOOP_HEADER_BYTES + 2 * nb + (denseWelford ? nb * <usize>n : nb);
  const columnBytes = <usize>load<i32>(lb + LOOP_MAX_ROWS) << 3;
  let rowAt = columns;
  let positionAt = columns + ROW_SAMPLER_VARIABLES * columnBytes;
  let gradients: f64 = 0;
  let divergences: f64 = 0;
  let depthHits: f64 = 0;
  let rows: i32 = 0;
  const end = first + count;
  for (let i = first; i < end; i++) {
    const stepSize = warmup ? load<f64>(lb + DA_STEP_SIZE) : eps;
    transition(stepSize, maxDelta, maxDepth, denseMetric);
    const depth = load<f64>(base + INFO_TREE_DEPTH);
    const divergent = load<f64>(base + INFO_DIVERGENT);
    const acceptStat = load<f64>(base + INFO_ACCEPT_STAT);
    gradients += load<f64>(base + INFO_N_LEAPFROG);
    divergences += divergent;
    if (!warmup && depth >= <f64>maxDepth) depthHits += 1;
    if (record && i % thin == 0) {
      let c = rowAt;
      store<f64>(c, load<f64>(base + STATE_LOG_DENSITY));
      store<f64>((c += columnBytes), acceptStat);
      store<f64>((c += columnBytes), stepSize);
      store<f64>((c += columnBytes), depth);
      store<f64>((c += columnBytes), load<f64>(base + INFO_N_LEAPFROG));
      store<f64>((c += columnBytes), divergent);
      store<f64>((c += columnBytes), load<f64>(base + INFO_ENERGY));
      memory.copy(positionAt, position, nb);
      rowAt += 8;
      positionAt += nb;
      rows++;
    }
    if (warmup) {
      dualAveragingUpdate(lb, acceptStat);
      if (welford) welfordAdd(lb, denseWelford);
    }
  }
  store<f64>(lb + LOOP_GRADIENTS, gradients);
  store<f64>(lb + LOOP_DIVERGENCES, divergences);
  store<f64>(lb + LOOP_DEPTH_HITS, depthHits);
  rngStore(base + RNG_WORDS, base + RNG_HAS_SPARE, base + RNG_SPARE);
  return rows;
}
