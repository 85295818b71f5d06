/** Node-only: write one CmdStan-layout CSV per chain, and read such files back into Draws. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UserError } from "../errors.js";
import type { Draws } from "../posterior/draws.js";
import { cmdStanDraws, readCmdStanCsv, type CmdStanCsv } from "./readCmdStanCsv.js";
import { cmdStanCsvFileName, formatCmdStanCsv, type ChainAdaptation, type CmdStanCsvOptions } from "./writeCmdStanCsv.js";

export interface CmdStanFilesOptions extends Omit<CmdStanCsvOptions, "chain" | "adaptation"> {
  /** One entry per chain (index = chain). */
  readonly adaptation?: readonly ChainAdaptation[];
}

/** Writes `<prefix>-1.csv` … `<prefix>-<chains>.csv` and returns their paths. */
export function writeCmdStanCsvFiles(prefix: string, draws: Draws, options: CmdStanFilesOptions): string[] {
  mkdirSync(dirname(prefix), { recursive: true });
  const { adaptation: perChain, ...shared } = options;
  const paths: string[] = [];
  for (let chain = 0; chain < draws.chains; chain++) {
    const path = cmdStanCsvFileName(prefix, chain);
    const adaptation = perChain?.[chain];
    const text = formatCmdStanCsv(draws, {
      ...shared,
      chain,
      ...(adaptation ? { adaptation } : {}),
      settings: { ...shared.settings, outputFile: path },
    });
    writeTextFile(path, text);
    paths.push(path);
  }
  return paths;
}

/** Reads one file per chain; the `UserError`s name the file. */
export function readCmdStanCsvFiles(paths: readonly string[]): { chains: CmdStanCsv[]; draws: Draws } {
  const chains = paths.map((path) => readCmdStanCsv(readTextFile(path, "draws CSV"), path));
  return { chains, draws: cmdStanDraws(chains) };
}

/** Writes a JSON document (e.g. the summary from posterior/summary.ts) with a trailing newline. */
export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeTextFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    throw new UserError(`cannot read the ${what} file '${path}' (${code}): check the path and that the file is readable`);
  }
}

function writeTextFile(path: string, text: string): void {
  try {
    writeFileSync(path, text, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    throw new UserError(`cannot write '${path}' (${code}): check that the folder exists and is writable`);
  }
}
