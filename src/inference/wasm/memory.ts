/**
 * Space for wasm NUTS workspaces. Several chains' workspaces may share one memory (a compiled
 * model's, whose gradient they all call) and run interleaved, so each gets its own region: a bump
 * allocator per memory, and regions of workspaces the garbage collector has taken are handed out
 * again (one compiled model sampled many times in a long-lived process would otherwise grow its
 * memory by every chain's workspace).
 */
const PAGE = 65536;

interface Regions {
  /** First byte no region has used yet. */
  end: number;
  /** Regions given back, by size in bytes. */
  readonly free: Map<number, number[]>;
}

/**
 * Allocation state per memory. A WeakMap keyed by the memory, not state anything's results depend
 * on: it follows the memory's lifetime and holds nothing once the memory is gone.
 */
const allocations = new WeakMap<WebAssembly.Memory, Regions>();

/** Gives a workspace's region back once its owner is collected. */
const reclaim =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<{ memory: WebAssembly.Memory; start: number; bytes: number }>(({ memory, start, bytes }) => {
        const r = allocations.get(memory);
        if (r === undefined) return;
        const list = r.free.get(bytes);
        if (list === undefined) r.free.set(bytes, [start]);
        else list.push(start);
      })
    : null;

/**
 * Reserves `bytes` (8-byte aligned) at or after `from` for as long as `owner` lives, growing the
 * memory as needed; returns the offset. Throws what `memory.grow` throws past the memory's maximum.
 */
export function reserve(memory: WebAssembly.Memory, from: number, bytes: number, owner: object): number {
  let r = allocations.get(memory);
  if (r === undefined) {
    r = { end: 0, free: new Map() };
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
  reclaim?.register(owner, { memory, start, bytes });
  return start;
}

function align8(x: number): number {
  return Math.ceil(x / 8) * 8;
}
