import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { userError } from "../support/userError.js";
import { chainOf, getValue, SAMPLER_VARIABLES, variableIndex } from "../../src/posterior/draws.js";
import { cmdStanCsvFileName, formatCmdStanCsv } from "../../src/io/writeCmdStanCsv.js";
import { cmdStanDraws, readCmdStanCsv } from "../../src/io/readCmdStanCsv.js";
import { fromCmdStanColumn, toCmdStanColumns } from "../../src/io/cmdStanNames.js";
import { readCmdStanCsvFiles, writeCmdStanCsvFiles, writeJsonFile } from "../../src/io/cmdStanFiles.js";
import { formatG } from "../../src/io/formatNumber.js";
import { GOLDEN_NAMES, goldenDenseOptions, goldenDraws, goldenOptions } from "./fixtures/goldenDraws.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("formatCmdStanCsv", () => {
  it("matches the golden files byte for byte (the ones rstan::read_stan_csv loaded, see fixtures/README.md)", () => {
    const draws = goldenDraws(2, 6);
    expect(formatCmdStanCsv(draws, goldenOptions(0))).toBe(fixture("golden-1.csv"));
    expect(formatCmdStanCsv(draws, goldenOptions(1))).toBe(fixture("golden-2.csv"));
    expect(formatCmdStanCsv(goldenDraws(1, 3), goldenDenseOptions())).toBe(fixture("golden-dense-1.csv"));
  });

  it("lays out header, adaptation block, draws and timing in CmdStan's order", () => {
    const lines = fixture("golden-1.csv").split("\n");
    const header = lines.findIndex((l) => l.startsWith("lp__,"));
    expect(lines[header]).toMatch(/^lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,mu,tau,theta\.1,/);
    expect(lines.slice(header + 1, header + 4)).toEqual([
      "# Adaptation terminated",
      "# Step size = 0.5",
      "# Diagonal elements of inverse mass matrix:",
    ]);
    expect(lines.slice(-6)).toEqual([
      "# ",
      "#  Elapsed Time: 0.0123456 seconds (Warm-up)",
      "#                0.0345678 seconds (Sampling)",
      "#                0.0469134 seconds (Total)",
      "# ",
      "",
    ]);
    expect(lines).toContain("#       delta = 0.9");
    expect(lines).toContain("#       gamma = 0.05 (Default)");
    expect(lines).toContain("# id = 1 (Default)");
  });

  it("puts the sampler columns first whatever order the draws hold them in, and omits the blocks it has no data for", () => {
    const d = goldenDraws(1, 2);
    const reordered = { ...d, names: [...d.names.slice(7), ...d.names.slice(0, 7)], data: d.data };
    // Reordering the names (not the data) just relabels columns: lp__ is now variable 14's data.
    const text = formatCmdStanCsv(reordered, { model: "m", seed: 1, chain: 0 });
    expect(text).not.toContain("Adaptation terminated");
    expect(text).not.toContain("Elapsed Time");
    const row = text.split("\n").find((l) => /^-?\d/.test(l)) as string;
    expect(Number(row.split(",")[0])).toBe(getValue(d, 14, 0, 0));
  });

  it("rejects bad arguments with named errors", () => {
    const d = goldenDraws(2, 2);
    expect(userError(() => formatCmdStanCsv(d, { model: "m", seed: 1, chain: 2 }))).toBe(
      "formatCmdStanCsv: chain must be an integer in [0, 1], got 2",
    );
    expect(userError(() => formatCmdStanCsv(d, { model: "m", seed: 1, chain: 0, sigFigs: 19 }))).toContain("sigFigs must be an integer in [1, 18], got 19");
    const noLp = { ...d, names: d.names.map((n) => (n === "lp__" ? "lp" : n)) };
    expect(userError(() => formatCmdStanCsv(noLp, { model: "m", seed: 1, chain: 0 }))).toContain("the draws have no lp__ column");
    expect(
      userError(() =>
        formatCmdStanCsv(d, { model: "m", seed: 1, chain: 0, settings: { metric: "dense_e" }, adaptation: { stepSize: 1, inverseMetric: new Float64Array(3) } }),
      ),
    ).toBe("formatCmdStanCsv: the dense_e inverse metric must be a square matrix (dim × dim values, row-major), got 3 values");
    expect(
      userError(() => formatCmdStanCsv(d, { model: "m", seed: 1, chain: 0, settings: { metric: "euclid" as "diag_e" } })),
    ).toContain('metric must be one of "diag_e", "dense_e", "unit_e"');
  });

  it("names files <prefix>-<chain>.csv with 1-based chains", () => {
    expect(cmdStanCsvFileName("out/fit", 0)).toBe("out/fit-1.csv");
  });
});

describe("CmdStan column names", () => {
  it("theta[1] → theta.1, L[2,1] → L.2.1, labels → positions, dotted base → underscore", () => {
    const { columns, needsNameMap } = toCmdStanColumns(GOLDEN_NAMES);
    expect(columns).toEqual([
      "mu", "tau", "theta.1", "theta.2", "theta.3", "L.1.1", "L.2.1", "L.1.2", "L.2.2", "b_Intercept",
      "r_county.1.1", "r_county.2.1", "r_county.3.1", "b_log_dose",
    ]);
    expect(needsNameMap).toBe(true);
    expect(toCmdStanColumns(["mu", "theta[1]", "L[2,1]"])).toEqual({ columns: ["mu", "theta.1", "L.2.1"], needsNameMap: false });
    expect(toCmdStanColumns(["r[A,x]", "r[B,x]", "r[A,y]"]).columns).toEqual(["r.1.1", "r.2.1", "r.1.2"]);
    expect(toCmdStanColumns(["a.b", "a_b"]).columns).toEqual(["a_b", "a_b_2"]);
    expect(fromCmdStanColumn("L.2.1")).toBe("L[2,1]");
    expect(fromCmdStanColumn("r_county.AITKIN.Intercept")).toBe("r_county[AITKIN,Intercept]");
    expect(fromCmdStanColumn("lp__")).toBe("lp__");
  });
});

describe("readCmdStanCsv", () => {
  it("round-trips the writer exactly: names (via # hbayes_names), values, adaptation, timing", () => {
    const draws = goldenDraws(2, 6);
    const chains = [0, 1].map((c) => readCmdStanCsv(fixture(`golden-${c + 1}.csv`), `golden-${c + 1}.csv`));
    expect(chains[0].names).toEqual([...SAMPLER_VARIABLES, ...GOLDEN_NAMES]);
    expect(chains[0].columns[17]).toBe("r_county.1.1");
    const back = cmdStanDraws(chains);
    expect(back.names).toEqual(draws.names);
    expect(back.data).toEqual(draws.data); // shortest round-trip text reads back bit for bit
    expect(chains[1].adaptation?.stepSize).toBe(0.625);
    expect(chains[1].adaptation?.metric).toBe("diag_e");
    expect(Array.from(chains[1].adaptation!.inverseMetric)).toEqual(
      Array.from(goldenOptions(1).adaptation!.inverseMetric!, (x) => Number(formatG(x, 6))),
    );
    expect(chains[0].timing).toEqual({ warmupSeconds: 0.0123456, samplingSeconds: 0.0345678, totalSeconds: 0.0469134 });
    expect(chains[0].config["sample.adapt.delta"]).toBe("0.9");
    expect(chains[0].config["random.seed"]).toBe("20240607");
    expect(chains[0].config["data.file"]).toBe("golden.json");
    expect(chains[0].config["output.file"]).toBe("golden-1.csv");
    expect(chains[1].config["id"]).toBe("2");
    expect(chains[0].warmupDraws).toBe(0);
  });

  it("splits saved warmup draws at '# Adaptation terminated' and reads a dense metric", () => {
    const f = readCmdStanCsv(fixture("golden-dense-1.csv"), "golden-dense-1.csv");
    expect([f.warmupDraws, f.draws]).toEqual([4, 3]);
    expect(f.adaptation?.metric).toBe("dense_e");
    expect(Array.from(f.adaptation!.inverseMetric)).toEqual([1, 0.05, 0.0333333, 0.05, 1.33333, 0.025, 0.0333333, 0.025, 1.66667]);
    // sigFigs 6: values are rounded as CmdStan's default output would be.
    expect(f.values[variableIndex(goldenDraws(1, 1), "theta[1]") * 3 + 2]).toBe(2.17647);
    expect(f.warmupValues[0]).toBe(getValue(goldenDenseOptions().warmup!, 0, 0, 0));
  });

  it("reads genuine rstan output (rstanarm stan_glmer, 2 chains × 20 draws)", () => {
    const chains = [1, 2].map((c) => readCmdStanCsv(fixture(`rstan-glmer_${c}.csv`), `rstan-glmer_${c}.csv`));
    const d = cmdStanDraws(chains);
    expect([d.chains, d.draws, d.names.length]).toEqual([2, 20, 54]);
    expect(d.names.slice(0, 9)).toEqual([...SAMPLER_VARIABLES, "gamma[1]", "z_beta[1]"]);
    expect(d.names).toContain("b[19]");
    expect(d.names.slice(-4)).toEqual(["b[19]", "theta_L[1]", "mean_PPD", "alpha[1]"]);
    // First draw of chain 1 and last of chain 2, copied from the files.
    expect(getValue(d, 0, 0, 0)).toBe(-924.041);
    expect(chainOf(d, variableIndex(d, "stepsize__"), 1)[19]).toBe(chains[1].adaptation!.stepSize);
    expect(chains[0].adaptation).toEqual({ stepSize: 0.00541384, metric: "diag_e", inverseMetric: new Float64Array(23).fill(1) });
    expect(chains[0].timing).toEqual({ warmupSeconds: 0.020609, samplingSeconds: 0.022813, totalSeconds: 0.043422 });
    expect(chains[0].config["adapt_delta"]).toBe("0.95");
    expect(chains[0].config["sampler_t"]).toBe("NUTS(diag_e)");
  });

  it("reads inf/nan cells, CRLF endings and labelled headers without a name map", () => {
    const text = "# model = m\r\nlp__,accept_stat__,r.A.x,theta.1\r\n-1,0.9,inf,nan\r\n-2,1,-inf,1e-07\r\n";
    const f = readCmdStanCsv(text);
    expect(f.names).toEqual(["lp__", "accept_stat__", "r[A,x]", "theta[1]"]);
    expect(Array.from(f.values).map(String)).toEqual(["-1", "-2", "0.9", "1", "Infinity", "-Infinity", "NaN", "1e-7"]);
    expect(f.adaptation).toBeUndefined();
    expect(f.timing).toBeUndefined();
  });

  it("errors name the file and line: truncated row, bad number, no header, no draws, mismatched chains", () => {
    const ok = "lp__,theta.1\n-1,0.5\n";
    expect(userError(() => readCmdStanCsv(`${ok}-2\n`, "out-3.csv"))).toBe(
      "out-3.csv line 3 has 1 fields, the header has 2: the file may be truncated or corrupted (did the run finish?)",
    );
    expect(userError(() => readCmdStanCsv(`${ok}-2,abc\n`, "out-3.csv"))).toBe("out-3.csv line 3: column theta.1 has 'abc', which is not a number");
    expect(userError(() => readCmdStanCsv(`${ok}-2,\n`, "o.csv"))).toContain("column theta.1 has ''");
    expect(userError(() => readCmdStanCsv("# only comments\n", "o.csv"))).toContain("o.csv has no column header line");
    expect(userError(() => readCmdStanCsv("lp__,a\n# Adaptation terminated\n", "o.csv"))).toContain("o.csv has a column header but no draws");
    const a = readCmdStanCsv(ok, "a.csv");
    expect(userError(() => cmdStanDraws([a, readCmdStanCsv("lp__,theta.2\n1,2\n", "b.csv")]))).toBe(
      "b.csv has different columns from a.csv (column 2 is theta[2], not theta[1]): pass draws CSV files of the same model only",
    );
    expect(userError(() => cmdStanDraws([a, readCmdStanCsv(`${ok}1,2\n`, "b.csv")]))).toBe(
      "b.csv has 2 draws but a.csv has 1: all chains must have the same number of draws",
    );
    expect(userError(() => cmdStanDraws([]))).toContain("no draws CSV files given");
  });

  it("falls back to the headers (with a warning) when the name map does not fit", () => {
    const f = readCmdStanCsv('# hbayes_names = ["a","b"]\nlp__,theta.1\n1,2\n', "x.csv");
    expect(f.names).toEqual(["lp__", "theta[1]"]);
    expect(f.warnings[0]).toContain("x.csv: the '# hbayes_names' line is not readable (expected 1 names)");
  });
});

describe("writeCmdStanCsvFiles / readCmdStanCsvFiles", () => {
  it("writes one file per chain and reads them back into the same draws", () => {
    const dir = mkdtempSync(join(tmpdir(), "hbayes-io-"));
    const draws = goldenDraws(3, 5);
    const paths = writeCmdStanCsvFiles(join(dir, "sub", "fit"), draws, {
      model: "m",
      seed: 3,
      adaptation: [0, 1, 2].map((c) => ({ stepSize: 0.1 * (c + 1), inverseMetric: Float64Array.of(1, 2) })),
    });
    expect(paths).toEqual([1, 2, 3].map((c) => join(dir, "sub", `fit-${c}.csv`)));
    const back = readCmdStanCsvFiles(paths);
    expect(back.draws.data).toEqual(draws.data);
    expect(back.chains[2].adaptation?.stepSize).toBe(0.3);
    expect(back.chains[1].config["output.file"]).toBe(paths[1]);
    expect(userError(() => readCmdStanCsvFiles([join(dir, "missing.csv")]))).toContain("(ENOENT)");
    writeJsonFile(join(dir, "summary.json"), { parameters: [] });
    expect(readFileSync(join(dir, "summary.json"), "utf8")).toBe('{\n  "parameters": []\n}\n');
  });
});
