/** A linear map and round tick values, enough for the page's own small plots. */
export interface Linear {
  (x: number): number;
  readonly ticks: number[];
}

export function linear(domain: readonly [number, number], range: readonly [number, number], tickCount = 5): Linear {
  let [d0, d1] = domain;
  if (!(d1 > d0)) {
    const pad = Math.abs(d0) > 0 ? Math.abs(d0) * 0.1 : 1;
    d0 -= pad;
    d1 += pad;
  }
  const step = niceStep((d1 - d0) / tickCount);
  const ticks: number[] = [];
  for (let t = Math.ceil(d0 / step) * step; t <= d1 + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  const [r0, r1] = range;
  const f = ((x: number) => r0 + ((x - d0) / (d1 - d0)) * (r1 - r0)) as Linear;
  (f as { ticks: number[] }).ticks = ticks;
  return f;
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m >= 5 ? 10 : m >= 2 ? 5 : m >= 1 ? 2 : 1) * p;
}

export function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

export function padded([lo, hi]: [number, number], frac = 0.05): [number, number] {
  const w = hi - lo || Math.abs(hi) || 1;
  return [lo - w * frac, hi + w * frac];
}
