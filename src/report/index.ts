/** The self-contained HTML report (browser-safe: no Node imports). */
export { renderReport, DEFAULT_REPORT } from "./report.js";
export { summaryTable, TABLE_FLAGS } from "./summaryTable.js";
export { groupFamilies, isGroupLevel, isSamplerVariable, type ParameterFamily } from "./parameters.js";
export { formatSig, formatRhat, formatEss, formatSeconds } from "./formatCell.js";
export { REPORT_CSS } from "./style.js";
export type {
  ReportInput,
  ReportSettings,
  ReportTiming,
  ReportGroups,
  ReportPpc,
  PpcKind,
  SummaryRow,
  SamplerDiagnostics,
} from "./types.js";
