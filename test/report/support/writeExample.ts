/** Writes the example report for looking at it (not a test): npx tsx test/report/support/writeExample.ts /tmp/report.html */
import { writeFileSync } from "node:fs";
import { renderReport } from "../../../src/report/index.js";
import { exampleReportInput } from "./exampleReport.js";

const out = process.argv[2] ?? "/tmp/report.html";
const html = await renderReport(exampleReportInput(85, 1000));
writeFileSync(out, html);
console.log(`wrote ${out} (${(html.length / 1024).toFixed(0)} KiB)`);
