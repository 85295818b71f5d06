/**
 * What an interrupted run kept, in words: which chains finished, which were stopped and where,
 * which never drew, and how many draws per chain the summary uses (the container is rectangular).
 */
import type { SampleResult } from "../inference/sample.js";

function chainList(chains: readonly number[]): string {
  const n = chains.map((c) => c + 1);
  if (n.length === 1) return `chain ${n[0]}`;
  return `chains ${n.slice(0, -1).join(", ")} and ${n[n.length - 1]}`;
}

/** null when the run was not stopped early. */
export function partialRunWarning(result: Pick<SampleResult, "partial" | "chains" | "drawChains" | "draws">): string | null {
  if (!result.partial) return null;
  const parts: string[] = [];
  const finished = result.chains.filter((c) => !c.partial).map((c) => c.chain);
  if (finished.length > 0) parts.push(`${chainList(finished)} finished`);
  for (const c of result.chains) if (c.partial && c.draws > 0) parts.push(`chain ${c.chain + 1} stopped after ${c.draws} draws`);
  const none = result.chains.filter((c) => c.partial && c.draws === 0).map((c) => c.chain);
  if (none.length > 0) parts.push(`${chainList(none)} had no draws yet (not started or still in warmup)`);
  const used =
    result.drawChains.length === 0
      ? "there are no draws to summarise"
      : `the summary uses the first ${result.draws.draws} draws of ${chainList(result.drawChains)}`;
  return `sampling was stopped early: ${parts.join("; ")}; ${used}. Treat these results as provisional and run again to completion.`;
}
