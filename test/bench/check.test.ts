import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkRuns, groupRuns, type ResultsFile } from "../../bench/full/check.js";

// Small hand-made results files (test/bench/fixtures/run-*.json): "old" (2026-11-28), "mid" and
// "new" (2026-11-29; "new" written by two processes with one run label, as the logistic run is).
const fixture = (file: string, mtimeMs = 0): ResultsFile => {
  const d = JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8")) as Omit<ResultsFile, "file" | "mtimeMs">;
  return { file, mtimeMs, info: d.info, rows: d.rows };
};
const all = (): ResultsFile[] => ["run-new-b.json", "run-old.json", "run-new-a.json", "run-mid.json"].map((f) => fixture(f));

describe("groupRuns(files)", () => {
  it("joins files under one run label and orders runs by date, then start time", () => {
    const runs = groupRuns(all());
    expect(runs.map((r) => r.label)).toEqual(["old", "mid", "new"]);
    expect(runs[2].files.sort()).toEqual(["run-new-a.json", "run-new-b.json"]);
    expect(runs[2].rows).toHaveLength(6);
  });

  it("orders runs of the same date without start times by file mtime", () => {
    const strip = (f: ResultsFile, mtimeMs: number): ResultsFile => ({ ...f, mtimeMs, info: { ...f.info, started: undefined } });
    const runs = groupRuns([strip(fixture("run-mid.json"), 2000), strip(fixture("run-new-a.json"), 1000)]);
    expect(runs.map((r) => r.label)).toEqual(["new", "mid"]);
  });

  it("skips files without benchmark rows (the scaling results)", () => {
    expect(groupRuns([{ file: "scaling.json", mtimeMs: 0, info: {}, rows: [] }])).toEqual([]);
  });
});

describe("checkRuns(files, threshold)", () => {
  const result = checkRuns(all(), 0.2);
  const get = (model: string, tool: string) => result?.comparisons.find((c) => c.model === model && c.tool === tool);

  it("compares each usable row of the latest run with the most recent earlier run that has it", () => {
    expect(result?.latest).toBe("new");
    // radon/hbayes: 1700 vs mid's 2000 (not old's 1000) = 0.85, inside 20 %.
    expect(get("radon", "hbayes")?.previousRun).toBe("mid");
    expect(get("radon", "hbayes")?.ratio).toBeCloseTo(0.85, 12);
    expect(get("radon", "hbayes")?.regressed).toBe(false);
    // radon/stan: mid has no stan row, so old's 300: 200 / 300 fell by a third.
    expect(get("radon", "stan")?.previousRun).toBe("old");
    expect(get("radon", "stan")?.regressed).toBe(true);
    // pumps/hbayes: 4100 / 5000 = 0.82, inside 20 %.
    expect(get("pumps", "hbayes")?.regressed).toBe(false);
  });

  it("only compares rows with the same budget (mid's cbpp ran 500 + 500)", () => {
    expect(get("cbpp", "hbayes")?.previousRun).toBe("old");
    expect(get("cbpp", "hbayes")?.ratio).toBeCloseTo(500 / 700, 12);
    expect(get("cbpp", "hbayes")?.regressed).toBe(true);
  });

  it("leaves out failed rows and reports rows no earlier run measured", () => {
    expect(get("logistic", "jags")).toBeUndefined();
    expect(get("eight", "hbayes")?.previous).toBeNull();
    expect(get("eight", "hbayes")?.regressed).toBe(false);
  });

  it("lists exactly the rows that fell by more than the threshold", () => {
    expect(result?.regressions.map((c) => `${c.model}/${c.tool}`).sort()).toEqual(["cbpp/hbayes", "radon/stan"]);
    // With 40 % allowed, 0.667 and 0.714 are no longer regressions.
    expect(checkRuns(all(), 0.4)?.regressions).toEqual([]);
    // With 16 % allowed, pumps (0.82 of before) falls beyond the line and radon/hbayes (0.85) does not.
    expect(checkRuns(all(), 0.16)?.regressions.map((c) => `${c.model}/${c.tool}`).sort()).toEqual(["cbpp/hbayes", "pumps/hbayes", "radon/stan"]);
    expect(checkRuns(all(), 0.1)?.regressions.map((c) => `${c.model}/${c.tool}`).sort()).toEqual(["cbpp/hbayes", "pumps/hbayes", "radon/hbayes", "radon/stan"]);
  });

  it("returns null with no runs and rejects a threshold outside (0, 1)", () => {
    expect(checkRuns([])).toBeNull();
    expect(() => checkRuns(all(), 1.5)).toThrow("checkRuns: threshold must be in (0, 1), got 1.5");
  });
});

describe("checkRuns(files, threshold, \"ess_per_cpu_s\")", () => {
  it("compares ESS per CPU second of sampling when asked (a loaded machine slows wall time, not CPU time)", () => {
    const file = (name: string, started: string, ess: number, cpu: number, wall: number): ResultsFile => ({
      file: `${name}.json`,
      mtimeMs: 0,
      info: { name, date: "2026-11-29", started, settings: { chains: 4, warmup: 1000, draws: 1000 } },
      rows: [{ model: "m", tool: "hbayes", status: "ok", min_ess_bulk: ess, ess_per_s: ess / wall, raw: { sampler_cpu_s: cpu }, load_before: 0 }],
    });
    // Same ESS and CPU seconds, three times the wall time: ESS/s fell by two thirds, ESS/CPU s did not move.
    const files = [file("quiet", "2026-11-29T01:00:00Z", 1000, 2, 1), file("loaded", "2026-11-29T02:00:00Z", 1000, 2, 3)];
    expect(checkRuns(files, 0.2, "ess_per_s")?.regressions).toHaveLength(1);
    expect(checkRuns(files, 0.2, "ess_per_cpu_s")?.comparisons[0].ratio).toBe(1);
    expect(checkRuns(files, 0.2, "ess_per_cpu_s")?.regressions).toEqual([]);
  });
});
