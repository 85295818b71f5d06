/**
 * Space for wasm NUTS workspaces. Several chains' workspaces may share one memory (a compiled
 * model's, whose gradient they all call) and run interleaved, so each gets its own region: a bump
 * allocator per memory, and released regions are handed out again (one compiled model sampled many
 * times in a long-lived process would otherwise grow its memory by every chain's workspace).
 * A region is released when the garbage collector takes its owner, through the same `release`
 * that can also be called directly (and is, deterministically, by the tests).
 */
const PAGE = 65536;

interface Live {
  readonly bytes: number;
  /** Unregisters the collector's release once the region has been released directly. */
  readonly token: object;
}

interface Regions {
  /** First byte no region has used yet. */
  end: number;
  /** Regions given back, by size in bytes. */
  readonly free: Map<number, number[]>;
  /** Regions handed out and not yet released, by start. */
  readonly live: Map<number, Live>;
}

/**
 * Allocation state per memory. A WeakMap keyed by the memory, not state anything's results depend
 * on: it follows the memory's lifetime and holds nothing once the memory is gone.
 */
const allocations = new WeakMap<WebAssembly.Memory, Regions>();

/** Releases a workspace's region once its owner is collected. */
const reclaim =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<{ memory: WebAssembly.Memory; start: number }>(({ memory, start }) => release(memory, start))
    : null;

/**
 * Reserves `bytes` (8-byte aligned) at or after `from` until `owner` is collected or the region is
 * released, growing the memory as needed; returns the offset. Throws what `memory.grow` throws past
 * the memory's maximum.
 */
export function reserve(memory: WebAssembly.Memory, from: number, bytes: number, owner: object): number {
  let r = allocations.get(memory);
  if (r === undefined) {
    r = { end: 0, free: new Map(), live: new Map() };
    allocations.set(memory, r);
  }
  const reused = r.free.get(bytes);
  let start: number;
  if (reused !== undefined && reused.length > 0 && reused[reused.length - 1] >= from) {
    start = reused.pop() as number;
  } else {
    start = align8(Math.max(from, r.end));
    const end = start + bytes;
    const have = memory.buffer.byteLength;
    if (end > have) memory.grow(Math.ceil((end - have) / PAGE));
    r.end = end;
  }
  const token = {};
  r.live.set(start, { bytes, token });
  reclaim?.register(owner, { memory, start }, token);
  return start;
}

/**
 * Gives the region reserved at `start` back for the next `reserve` of the same size. Releasing a
 * start that is not reserved (a second release, or one `reserve` never returned) is an internal
 * error: it would otherwise hand a region out twice. A release after the region was reserved again
 * cannot be told from the first, so only a region's owner may release it.
 */
export function release(memory: WebAssembly.Memory, start: number): void {
  const r = allocations.get(memory);
  const live = r?.live.get(start);
  if (r === undefined || live === undefined) throw new Error(`release: no region is reserved at ${start} in this memory`);
  r.live.delete(start);
  reclaim?.unregister(live.token);
  const list = r.free.get(live.bytes);
  if (list === undefined) r.free.set(live.bytes, [start]);
  else list.push(start);
}

function align8(x: number): number {
  return Math.ceil(x / 8) * 8;
}
