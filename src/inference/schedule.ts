/**
 * Stan's windowed adaptation schedule as plain data. Warmup is an initial fast buffer (step size
 * only), a run of slow windows whose draws estimate the metric (each window twice as long as the
 * previous, the last stretched to the terminal buffer), and a terminal fast buffer. Computed by
 * replaying Stan's windowed_adaptation counters so the boundaries match it exactly.
 */
export interface AdaptationWindow {
  /** First warmup iteration (0-based) whose draw feeds the metric estimate. */
  readonly start: number;
  /** One past the last; the metric is updated right after iteration `end − 1`. */
  readonly end: number;
}

export interface WarmupSchedule {
  readonly numWarmup: number;
  readonly initBuffer: number;
  readonly termBuffer: number;
  readonly baseWindow: number;
  /** Empty when warmup is too short to adapt a metric (< 20 iterations, as Stan). */
  readonly windows: readonly AdaptationWindow[];
}

export const DEFAULT_SCHEDULE = Object.freeze({ initBuffer: 75, termBuffer: 50, baseWindow: 25 });

export function buildSchedule(
  numWarmup: number,
  initBuffer: number = DEFAULT_SCHEDULE.initBuffer,
  termBuffer: number = DEFAULT_SCHEDULE.termBuffer,
  baseWindow: number = DEFAULT_SCHEDULE.baseWindow,
): WarmupSchedule {
  for (const [what, v] of [["numWarmup", numWarmup], ["initBuffer", initBuffer], ["termBuffer", termBuffer], ["baseWindow", baseWindow]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`buildSchedule: ${what} must be a non-negative integer, got ${v}`);
  }
  if (numWarmup < 20) {
    return Object.freeze({ numWarmup, initBuffer: 0, termBuffer: 0, baseWindow: 0, windows: Object.freeze([]) });
  }
  if (initBuffer + baseWindow + termBuffer > numWarmup) {
    // Stan's rule for short warmups: 15% / 75% / 10%, truncated to integers.
    initBuffer = Math.trunc(0.15 * numWarmup);
    termBuffer = Math.trunc(0.1 * numWarmup);
    baseWindow = numWarmup - (initBuffer + termBuffer);
  }
  const windows: AdaptationWindow[] = [];
  const lastEnd = numWarmup - termBuffer - 1;
  let windowSize = baseWindow;
  let nextWindow = initBuffer + windowSize - 1;
  let start = initBuffer;
  for (let counter = 0; counter < numWarmup; counter++) {
    const endsHere = counter === nextWindow && counter !== numWarmup;
    if (!endsHere) continue;
    windows.push(Object.freeze({ start, end: counter + 1 }));
    start = counter + 1;
    if (nextWindow === lastEnd) break;
    windowSize *= 2;
    nextWindow = counter + windowSize;
    if (nextWindow !== lastEnd && nextWindow + 2 * windowSize >= numWarmup - termBuffer) nextWindow = lastEnd;
  }
  return Object.freeze({ numWarmup, initBuffer, termBuffer, baseWindow, windows: Object.freeze(windows) });
}
