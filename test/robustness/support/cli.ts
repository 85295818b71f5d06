/** Runs the CLI's `main([...])` in this process and captures what it writes. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { main } from "../../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `onStderr` sees every chunk written to stderr (e.g. to press Ctrl-C once a progress line shows
 * sampling). `tty` makes stderr look like a terminal so the progress bars are drawn.
 */
export async function runCli(argv: readonly string[], hooks: { onStderr?: (chunk: string) => void; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    hooks.onStderr?.(String(chunk));
    return true;
  });
  const wasTty = process.stderr.isTTY;
  if (hooks.tty) process.stderr.isTTY = true;
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.stderr.isTTY = wasTty;
    out.mockRestore();
    err.mockRestore();
  }
}

/** A fresh temporary folder for one test's files. */
export function tempDir(prefix = "hbayes-robust-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `text` (or bytes) to `name` in a fresh temporary folder and returns its path. */
export function tempFile(name: string, text: string | Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}
