/**
 * A generator that serves normal() from batches drawn by normalsInto (WebAssembly where it runs), for
 * code that draws normals one at a time through the Rng interface (the completion's correlated and
 * crossed conditionals). It is the same stream: normal() returns exactly what `rng.normal()` would,
 * and a call of uniform(), nextU32() or state() first rewinds `rng` to just after the normals
 * handed out so far (restoring the state saved before the batch and redrawing that many), so
 * mixing calls gives the same numbers as `rng` alone. Reads ahead by up to `chunk` normals: `rng`
 * itself should not be used while this wrapper is.
 */
import { normalsInto } from "./bulk.js";
import { rngFromMemory, rngToMemory, type Rng, type RngState } from "./rng.js";
import { argError } from "../errors.js";

class BufferedNormals implements Rng {
  private readonly buf: Float64Array;
  private pos = 0;
  private filled = 0;
  /** rng's state before the current batch (rngToMemory's layout). */
  private readonly words = new Int32Array(5);
  private readonly spare = new Float64Array(1);

  constructor(
    private readonly rng: Rng,
    chunk: number,
  ) {
    this.buf = new Float64Array(chunk);
  }

  normal(): number {
    if (this.pos === this.filled) {
      rngToMemory(this.rng, this.words, 0, this.spare, 0);
      normalsInto(this.rng, this.buf);
      this.filled = this.buf.length;
      this.pos = 0;
    }
    return this.buf[this.pos++];
  }

  nextU32(): number {
    this.rewind();
    return this.rng.nextU32();
  }

  uniform(): number {
    this.rewind();
    return this.rng.uniform();
  }

  /** A child stream depends only on the seed and stream, not on how far this one has run. */
  split(index: number): Rng {
    return this.rng.split(index);
  }

  state(): RngState {
    this.rewind();
    return this.rng.state();
  }

  /** Brings rng to just after the normals handed out, dropping the rest of the batch. */
  private rewind(): void {
    if (this.pos < this.filled) {
      rngFromMemory(this.rng, this.words, 0, this.spare, 0);
      if (this.pos > 0) normalsInto(this.rng, this.buf.subarray(0, this.pos));
    }
    this.pos = 0;
    this.filled = 0;
  }
}

/**
 * `rng`'s normals served in batches of `chunk`; `rng` itself where it is not a generator from
 * createRng/restoreRng (there is no state to rewind to).
 */
export function bufferedNormals(rng: Rng, chunk: number): Rng {
  if (!(Number.isInteger(chunk) && chunk >= 1)) throw argError("bufferedNormals", "chunk must be a positive integer", chunk);
  if (!rngToMemory(rng, new Int32Array(5), 0, new Float64Array(1), 0)) return rng;
  return new BufferedNormals(rng, chunk);
}
