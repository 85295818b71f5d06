/**
 * Space for wasm NUTS workspaces. Several chains' workspaces may share one memory (a compiled
 * model's, whose gradient they all call) and run interleaved, so each gets its own region from a
 * bump allocator per memory. Regions are never given back: a workspace lives as long as its chain,
 * and a few KiB per chain is less than the bookkeeping of a free list would cost in complexity.
 */
const PAGE = 65536;

/**
 * Next free byte per memory. A WeakMap keyed by the memory (not module state anyone reads): it
 * follows the memory's lifetime and holds nothing once the memory is gone.
 */
const nextFree = new WeakMap<WebAssembly.Memory, number>();

/** Reserves `bytes` (8-byte aligned) at or after `from`, growing the memory as needed; returns the offset. */
export function reserve(memory: WebAssembly.Memory, from: number, bytes: number): number {
  const start = align8(Math.max(from, nextFree.get(memory) ?? 0));
  const end = start + bytes;
  const have = memory.buffer.byteLength;
  if (end > have) memory.grow(Math.ceil((end - have) / PAGE));
  nextFree.set(memory, end);
  return start;
}

/** A memory of its own for a target with no WebAssembly form: just this workspace's bytes. */
export function ownMemory(bytes: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
}

function align8(x: number): number {
  return Math.ceil(x / 8) * 8;
}
