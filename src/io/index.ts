/** Browser-safe input/output: data readers and the CmdStan draws CSV format. Node-only file access is in node.ts. */
export { readCsvText, DEFAULT_MISSING, type CsvOptions, type CsvDelimiter } from "./readCsvText.js";
export { requireNumeric, type DataTable, type Column, type NumericColumn, type StringColumn } from "./dataTable.js";
export { parseNumberText, type NumberText } from "./numberText.js";
export { readJsonData, type DataArray } from "./readJsonData.js";
export {
  formatCmdStanCsv,
  cmdStanCsvFileName,
  CMDSTAN_DEFAULTS,
  type CmdStanCsvOptions,
  type CmdStanSettings,
  type CmdStanMetric,
  type ChainAdaptation,
} from "./writeCmdStanCsv.js";
export {
  readCmdStanCsv,
  cmdStanDraws,
  type CmdStanCsv,
  type CmdStanAdaptation,
  type CmdStanTiming,
} from "./readCmdStanCsv.js";
export { cmdStanMetric, cmdStanInverseMetric } from "./cmdStanMetric.js";
export { toCmdStanColumns, fromCmdStanColumn, type CmdStanColumns } from "./cmdStanNames.js";
export { formatG, formatRoundTrip } from "./formatNumber.js";
