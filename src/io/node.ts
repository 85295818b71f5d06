/** Node-only input/output (file system access), kept out of index.ts so the browser bundle never sees node:fs. */
export { readCsvFile } from "./readCsvFile.js";
export { writeCmdStanCsvFiles, readCmdStanCsvFiles, writeJsonFile, type CmdStanFilesOptions } from "./cmdStanFiles.js";
