/**
 * Seeded, splittable pseudo-random numbers. xoshiro128** (Blackman & Vigna) on four 32-bit words,
 * seeded through a SplitMix32-style mixer from (seed, stream), so every chain gets its own
 * independent stream: `createRng(seed, chainIndex)`. Nothing here touches Math.random.
 */
export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** A uniform double in the open interval (0, 1), 53 random bits. */
  uniform(): number;
  /** A standard normal draw. */
  normal(): number;
  /** An independent child stream, deterministic in (this stream's seed, index). */
  split(index: number): Rng;
  /** The current state, for checkpointing; `restoreRng(state)` continues exactly from it. */
  state(): RngState;
}

export interface RngState {
  readonly seed: number;
  readonly stream: number;
  readonly words: readonly [number, number, number, number];
  readonly spareNormal: number | null;
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function seedWords(seed: number, stream: number): [number, number, number, number] {
  if (!Number.isFinite(seed) || !Number.isFinite(stream)) {
    throw new RangeError(`createRng: seed and stream must be finite numbers, got ${seed}, ${stream}`);
  }
  // Fold the full double (not only its low 32 bits) so seeds like 2**40 + 1 and 1 differ.
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let s = mix32(lo ^ 0x9e3779b9) ^ mix32(hi + 0x7f4a7c15);
  const t = mix32((stream >>> 0) + 0x6a09e667) ^ mix32(Math.floor(stream / 4294967296) + 0xbb67ae85);
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    words[i] = mix32(s ^ mix32(t + i * 0x3c6ef372));
  }
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  return words;
}

class Xoshiro128 implements Rng {
  // The words are kept as signed 32-bit integers (the same bits as the unsigned words) and the spare
  // normal as a double plus a flag: V8 then stores them unboxed, where `number | null` and values
  // ≥ 2³¹ made every transition allocate (~600 bytes of garbage per NUTS transition).
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private hasSpare = false;
  private spare = 0;

  constructor(
    private readonly seed: number,
    private readonly stream: number,
    words: readonly [number, number, number, number],
  ) {
    this.a = words[0] | 0;
    this.b = words[1] | 0;
    this.c = words[2] | 0;
    this.d = words[3] | 0;
  }

  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  uniform(): number {
    // 53 bits: 27 from one word, 26 from the next; the +0.5 keeps the value strictly inside (0, 1).
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    // Marsaglia's polar method: exact, two normals per accepted pair.
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  split(index: number): Rng {
    const childSeed = mix32((this.seed >>> 0) ^ mix32(this.stream + 0x51ed270b)) + (this.stream >>> 0) * 4294967296;
    return createRng(childSeed, index);
  }

  state(): RngState {
    return {
      seed: this.seed,
      stream: this.stream,
      words: [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0],
      spareNormal: this.hasSpare ? this.spare : null,
    };
  }

  /** See rngToMemory. */
  toMemory(words: Int32Array, at: number, f64: Float64Array, spareAt: number): void {
    words[at] = this.a;
    words[at + 1] = this.b;
    words[at + 2] = this.c;
    words[at + 3] = this.d;
    words[at + 4] = this.hasSpare ? 1 : 0;
    f64[spareAt] = this.spare;
  }

  /** See rngFromMemory. */
  fromMemory(words: Int32Array, at: number, f64: Float64Array, spareAt: number): void {
    this.a = words[at];
    this.b = words[at + 1];
    this.c = words[at + 2];
    this.d = words[at + 3];
    this.hasSpare = words[at + 4] !== 0;
    this.spare = f64[spareAt];
  }

  restore(state: RngState): void {
    this.a = state.words[0] | 0;
    this.b = state.words[1] | 0;
    this.c = state.words[2] | 0;
    this.d = state.words[3] | 0;
    this.hasSpare = state.spareNormal !== null;
    this.spare = state.spareNormal ?? 0;
  }
}

/** Rotate left, as a signed 32-bit integer (the caller's words are int32; only the bits matter). */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A generator for `stream` (e.g. the chain index) of `seed`. Same (seed, stream) → same numbers. */
export function createRng(seed: number, stream = 0): Rng {
  return new Xoshiro128(seed, stream, seedWords(seed, stream));
}

export function restoreRng(state: RngState): Rng {
  const rng = new Xoshiro128(state.seed, state.stream, state.words);
  rng.restore(state);
  return rng;
}

/**
 * For the sampler's WebAssembly core, which runs this generator's exact arithmetic on a copy of
 * its state: writes the four words (as int32) and the has-spare flag to `words[at..at+4]` and the
 * spare normal (stale when the flag is 0, copied anyway so a round trip is exact) to
 * `f64[spareAt]`, allocating nothing. Returns false, writing nothing, when `rng` is not a
 * generator from createRng/restoreRng (then there is no state to move).
 */
export function rngToMemory(rng: Rng, words: Int32Array, at: number, f64: Float64Array, spareAt: number): boolean {
  if (!(rng instanceof Xoshiro128)) return false;
  rng.toMemory(words, at, f64, spareAt);
  return true;
}

/** The inverse of rngToMemory: `rng` continues from the state in memory. Only for its generators. */
export function rngFromMemory(rng: Rng, words: Int32Array, at: number, f64: Float64Array, spareAt: number): void {
  if (!(rng instanceof Xoshiro128)) throw new TypeError("rngFromMemory: rng must come from createRng or restoreRng");
  rng.fromMemory(words, at, f64, spareAt);
}
