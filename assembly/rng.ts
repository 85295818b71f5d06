// xoshiro128** with Marsaglia's polar normal, the same operations as src/random/rng.ts, on the
// chain's generator state copied into this instance for one transition.
import { jsLog } from "./host";

let ra: i32 = 0;
let rb: i32 = 0;
let rc: i32 = 0;
let rd: i32 = 0;
let hasSpare: bool = false;
let spare: f64 = 0;

export function rngLoad(wordsPtr: usize, hasSparePtr: usize, sparePtr: usize): void {
  ra = load<i32>(wordsPtr);
  rb = load<i32>(wordsPtr, 4);
  rc = load<i32>(wordsPtr, 8);
  rd = load<i32>(wordsPtr, 12);
  hasSpare = load<i32>(hasSparePtr) != 0;
  spare = load<f64>(sparePtr);
}

export function rngStore(wordsPtr: usize, hasSparePtr: usize, sparePtr: usize): void {
  store<i32>(wordsPtr, ra);
  store<i32>(wordsPtr, rb, 4);
  store<i32>(wordsPtr, rc, 8);
  store<i32>(wordsPtr, rd, 12);
  store<i32>(hasSparePtr, hasSpare ? 1 : 0);
  store<f64>(sparePtr, spare);
}

@inline
function nextU32(): u32 {
  const result = <u32>(rotl<i32>(rb * 5, 7) * 9);
  const t = rb << 9;
  rc ^= ra;
  rd ^= rb;
  rb ^= rc;
  ra ^= rd;
  rc ^= t;
  rd = rotl<i32>(rd, 11);
  return result;
}

export function uniform(): f64 {
  const hi = nextU32() >>> 5;
  const lo = nextU32() >>> 6;
  return (<f64>hi * 67108864 + <f64>lo + 0.5) / 9007199254740992;
}

export function normal(): f64 {
  if (hasSpare) {
    hasSpare = false;
    return spare;
  }
  let u: f64, v: f64, s: f64;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const f = sqrt<f64>((-2 * jsLog(s)) / s);
  spare = v * f;
  hasSpare = true;
  return u * f;
}
