import { describe, expect, it } from "vitest";
import { fromCmdStanColumn, toCmdStanColumns } from "../../src/io/cmdStanNames.js";

// Found in the 2026-11-29 user sweep (bench/qa/): grouseticks' BROOD levels are 501…743, 118 of them.
// Written as r_BROOD.501.1 … r_BROOD.743.1, rstan::read_stan_csv took the array to have 743 rows and
// posterior::as_draws_df on it failed ("subscript out of bounds"). Integer labels that are not
// exactly 1..K must be written positionally like any other label.
describe("toCmdStanColumns with integer group labels", () => {
  it("writes integer labels that are not 1..K positionally, keeping the originals in the name map", () => {
    const names = ["r_BROOD[501,Intercept]", "r_BROOD[502,Intercept]", "r_BROOD[743,Intercept]"];
    const { columns, needsNameMap } = toCmdStanColumns(names);
    expect(columns).toEqual(["r_BROOD.1.1", "r_BROOD.2.1", "r_BROOD.3.1"]);
    expect(needsNameMap).toBe(true);
  });

  it("keeps integer indices that are exactly 1..K (Stan's own theta[1], theta[2], …), in any order", () => {
    expect(toCmdStanColumns(["theta[1]", "theta[2]", "theta[3]"]).columns).toEqual(["theta.1", "theta.2", "theta.3"]);
    expect(toCmdStanColumns(["L[1,1]", "L[2,1]", "L[1,2]", "L[2,2]"]).columns).toEqual(["L.1.1", "L.2.1", "L.1.2", "L.2.2"]);
    const sortedAsText = ["r_g[1,Intercept]", "r_g[10,Intercept]", "r_g[2,Intercept]", "r_g[3,Intercept]", "r_g[4,Intercept]", "r_g[5,Intercept]", "r_g[6,Intercept]", "r_g[7,Intercept]", "r_g[8,Intercept]", "r_g[9,Intercept]"];
    expect(toCmdStanColumns(sortedAsText).columns.slice(0, 3)).toEqual(["r_g.1.1", "r_g.10.1", "r_g.2.1"]);
    expect(fromCmdStanColumn("theta.2")).toBe("theta[2]");
  });

  it("a gap in integer labels (levels 1, 2, 4) is positional too", () => {
    expect(toCmdStanColumns(["r_g[1,Intercept]", "r_g[2,Intercept]", "r_g[4,Intercept]"]).columns).toEqual(["r_g.1.1", "r_g.2.1", "r_g.3.1"]);
  });
});
