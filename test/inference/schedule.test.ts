import { describe, expect, it } from "vitest";
import { buildSchedule } from "../../src/inference/schedule.js";

const spans = (n: number) => buildSchedule(n).windows.map((w) => [w.start, w.end]);

describe("buildSchedule", () => {
  it("warmup 1000: buffers 75 / 50 and slow windows 25, 50, 100, 200, 500 (CmdStan's documented layout)", () => {
    const s = buildSchedule(1000);
    expect([s.initBuffer, s.baseWindow, s.termBuffer]).toEqual([75, 25, 50]);
    expect(spans(1000)).toEqual([[75, 100], [100, 150], [150, 250], [250, 450], [450, 950]]);
  });

  it("warmup 150: exactly fits 75 + 25 + 50, one slow window", () => {
    expect(spans(150)).toEqual([[75, 100]]);
  });

  it("warmup 100: Stan's short-warmup rule 15 % / 75 % / 10 %", () => {
    const s = buildSchedule(100);
    expect([s.initBuffer, s.baseWindow, s.termBuffer]).toEqual([15, 75, 10]);
    expect(spans(100)).toEqual([[15, 90]]);
  });

  it("warmup 20: 3 / 15 / 2 after truncation", () => {
    const s = buildSchedule(20);
    expect([s.initBuffer, s.baseWindow, s.termBuffer]).toEqual([3, 15, 2]);
    expect(spans(20)).toEqual([[3, 18]]);
  });

  it("warmup below 20 adapts no metric (step size only), as Stan", () => {
    expect(spans(19)).toEqual([]);
    expect(spans(0)).toEqual([]);
  });

  it("warmup 200 and 2000: the last window stretches to the terminal buffer", () => {
    expect(spans(200)).toEqual([[75, 100], [100, 150]]);
    expect(spans(2000)).toEqual([[75, 100], [100, 150], [150, 250], [250, 450], [450, 850], [850, 1950]]);
  });

  it("is plain frozen data and rejects bad arguments", () => {
    expect(Object.isFrozen(buildSchedule(1000))).toBe(true);
    expect(JSON.parse(JSON.stringify(buildSchedule(1000))).windows).toHaveLength(5);
    expect(() => buildSchedule(-1)).toThrow("buildSchedule: numWarmup must be a non-negative integer, got -1");
    expect(() => buildSchedule(10.5)).toThrow(/numWarmup/);
  });
});
