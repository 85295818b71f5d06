import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, tempFile } from "./support/cli.js";

// 40 rows, 4 groups: a varying-intercept model that samples fast, so a long run is only long
// because of the huge --draws, and Ctrl-C is what ends it.
function smallCsv(): string {
  const rows = ["y,g"];
  for (let i = 0; i < 40; i++) rows.push(`${((i * 37) % 11) / 3 + (i % 4)},${"abcd"[i % 4]}`);
  return `${rows.join("\n")}\n`;
}

describe("hbayes fit and Ctrl-C (SIGINT)", () => {
  it("stops the chains, writes what was drawn with a warning, exits 130", async () => {
    const data = tempFile("d.csv", smallCsv());
    const out = tempDir();
    let pressed = false;
    const sampling = new Set<string>();
    const sigintListenersBefore = process.listenerCount("SIGINT");
    const run = await runCli(
      ["fit", "--data", data, "--formula", "y ~ 1 + (1 | g)", "--chains", "2", "--warmup", "150", "--draws", "5000000", "--threads", "2", "--seed", "3", "--out", out],
      {
        tty: true,
        // Press Ctrl-C once a progress redraw shows both chains sampling (each has saved draws),
        // so the outcome does not depend on machine speed.
        onStderr: (chunk) => {
          const m = /chain (\d) +sampling/.exec(chunk);
          if (m === null || pressed) return;
          sampling.add(m[1]);
          if (sampling.size === 2) {
            pressed = true;
            setImmediate(() => process.emit("SIGINT", "SIGINT"));
          }
        },
      },
    );
    expect(pressed).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/interrupted: stopping the chains/);
    expect(run.stderr).toMatch(/warning: sampling was stopped early: chain 1 stopped after \d+ draws; chain 2 stopped after \d+ draws; the summary uses the first \d+ draws of chains 1 and 2/);
    expect(run.stdout).toMatch(/b_Intercept/);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.warnings[0]).toMatch(/stopped early/);
    expect(existsSync(join(out, "draws-1.csv"))).toBe(true);
    expect(existsSync(join(out, "draws-2.csv"))).toBe(true);
    // The handler is removed afterwards: a later Ctrl-C is not swallowed by a finished fit.
    expect(process.listenerCount("SIGINT")).toBe(sigintListenersBefore);
  }, 60_000);
});
