/**
 * The catalogue of user-facing messages for data and output files: one place, one voice.
 * Each says what is wrong, where (file line, row, column or field), and what to do.
 */

export function quoteValue(v: string): string {
  const shown = v.length > 40 ? `${v.slice(0, 37)}...` : v;
  return `'${shown}'`;
}

export function atLine(line: number | undefined): string {
  return line === undefined ? "" : ` (line ${line} of the file)`;
}

export const csvMessages = {
  notText: (got: unknown) => `readCsvText: text must be a string, got ${typeof got}`,
  empty: () => "the CSV file is empty: expected a header row naming the columns, then one row per observation",
  headerOnly: (n: number) =>
    `the CSV file has a header (${n} column${n === 1 ? "" : "s"}) but zero data rows: add at least one row of data`,
  ragged: (row: number, got: number, want: number, line: number) =>
    `row ${row} has ${got} field${got === 1 ? "" : "s"}, the header has ${want}${atLine(line)}: ` +
    "check for an unquoted comma inside a value (quote it) or a missing/extra separator",
  otherSeparator: (sep: string, decimal: string) =>
    `the file is ${sep}-separated, not comma-separated: read it that way` +
    (decimal === "," ? ", with ',' as the decimal mark (R's read.csv2); a number written with '.' in it is read as text" : ""),
  badDecimal: (got: unknown) => `readCsvText: decimal must be "." or ",", got ${JSON.stringify(got)}`,
  decimalIsDelimiter: () => "readCsvText: ',' cannot be both the decimal mark and the separator: give delimiter \";\" with decimal \",\"",
  duplicateName: (name: string, first: number, second: number) =>
    `the column name ${quoteValue(name)} appears twice in the header (columns ${first} and ${second}): rename one of them`,
  emptyName: (col: number) =>
    `column ${col} has an empty name in the header: give every column a name` +
    (col === 1 ? " (a nameless first column is usually R's row names: write the file with row.names = FALSE)" : ""),
  parseError: (what: string, line: number | undefined) =>
    `could not read the CSV${atLine(line)}: ${what}; check the quoting there (a value with a comma, quote or newline must be ` +
    'wrapped in double quotes, with inner quotes doubled: "say ""hi""")',
  badDelimiter: (got: unknown) => `readCsvText: delimiter must be one of ",", ";", "\\t", got ${JSON.stringify(got)}`,
  noColumn: (context: string, name: string, names: readonly string[]) =>
    `${context}: there is no column named ${quoteValue(name)} in the data; the columns are ${names.map(quoteValue).join(", ")}`,
  notNumeric: (context: string, name: string, row: number, value: string, line: number | undefined) =>
    `${context}: column ${quoteValue(name)} must be numeric: row ${row} has ${quoteValue(value)}${atLine(line)}; ` +
    "fix that value, or write NA if it is missing",
  lossyInteger: (context: string, name: string, row: number, value: string, line: number | undefined) =>
    `${context}: column ${quoteValue(name)} must be numeric: row ${row} has ${value}${atLine(line)}, an integer too large ` +
    "to store exactly (beyond 2^53); if it is a measurement write it in scientific notation, if it is an identifier use it as a grouping label",
  infiniteWarning: (name: string, count: number, row: number) =>
    `column ${quoteValue(name)} has ${count} infinite value${count === 1 ? "" : "s"} (first in row ${row}); ` +
    "most likelihoods need finite data, so check whether Inf is intended",
  mostlyNumericWarning: (name: string, row: number, value: string, numbers: number, present: number) =>
    `column ${quoteValue(name)} is read as text (a factor) because row ${row} has ${quoteValue(value)}, though ${numbers} of its ` +
    `${present} values are numbers; if it is a numeric column, fix that value or write NA there`,
  lossyWarning: (name: string, row: number, value: string) =>
    `column ${quoteValue(name)} is read as text, not numbers: row ${row} has ${value}, an integer too large to store exactly ` +
    "(beyond 2^53); that is fine for an identifier, but write a measurement in scientific notation",
} as const;

export const jsonMessages = {
  notText: (got: unknown) => `readJsonData: text must be a string, got ${typeof got}`,
  syntax: (what: string) => `the JSON data is not valid JSON: ${what}; check for a missing comma, quote or bracket there`,
  notObject: (got: string) =>
    `the JSON data must be an object of named fields such as {"N": 8, "y": [28, 8]}, got ${got}`,
  badLeaf: (path: string, got: string) =>
    `data field ${path} is ${got}, expected a number (or "NaN", "Inf", "-Inf"); Stan-style data has no missing values, so remove or impute it`,
  ragged: (path: string, got: number, want: number) =>
    `data field ${path} has ${got} element${got === 1 ? "" : "s"} where its first sibling has ${want}: a matrix or array must be rectangular`,
  mixedDepth: (path: string) =>
    `data field ${path} mixes numbers and arrays at the same level: every row of a matrix must be an array of the same length`,
  lossyInteger: (field: string, value: string, line: number) =>
    `data field '${field}' holds ${value} (line ${line}), an integer too large to store exactly (beyond 2^53); ` +
    "write it in scientific notation if it is a measurement",
} as const;

export const cmdStanMessages = {
  notText: (got: unknown) => `readCmdStanCsv: text must be a string, got ${typeof got}`,
  noHeader: (source: string) =>
    `${source} has no column header line (lp__,accept_stat__,...): is it a CmdStan/hbayes draws CSV file?`,
  noDraws: (source: string) => `${source} has a column header but no draws: did the run finish?`,
  ragged: (source: string, line: number, got: number, want: number) =>
    `${source} line ${line} has ${got} fields, the header has ${want}: the file may be truncated or corrupted (did the run finish?)`,
  badNumber: (source: string, line: number, column: string, value: string) =>
    `${source} line ${line}: column ${column} has ${quoteValue(value)}, which is not a number`,
  badAdaptation: (source: string, line: number, what: string) =>
    `${source} line ${line}: could not read the adaptation block (${what}); the file may be corrupted`,
  namesDiffer: (source: string, first: string, detail: string) =>
    `${source} has different columns from ${first} (${detail}): pass draws CSV files of the same model only`,
  drawsDiffer: (source: string, got: number, first: string, want: number) =>
    `${source} has ${got} draws but ${first} has ${want}: all chains must have the same number of draws`,
  noFiles: () => "no draws CSV files given: pass one file per chain, e.g. out-1.csv out-2.csv",
  badNamesLine: (source: string, what: string) =>
    `${source}: the '# hbayes_names' line is not readable (${what}); the column names are used as they are`,
} as const;

export const writerMessages = {
  badChain: (chain: number, chains: number) =>
    `formatCmdStanCsv: chain must be an integer in [0, ${chains - 1}], got ${chain}`,
  badSigFigs: (got: unknown) => `formatCmdStanCsv: sigFigs must be an integer in [1, 18], got ${String(got)}`,
  badMetric: (got: unknown) => `formatCmdStanCsv: metric must be one of "diag_e", "dense_e", "unit_e", got ${JSON.stringify(got)}`,
  metricNotSquare: (got: number) =>
    `formatCmdStanCsv: the dense_e inverse metric must be a square matrix (dim × dim values, row-major), got ${got} values`,
  missingSampler: (name: string) =>
    `formatCmdStanCsv: the draws have no ${name} column; CmdStan's layout needs all of lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__`,
  warmupShape: (what: string) => `formatCmdStanCsv: warmup draws ${what}`,
} as const;
