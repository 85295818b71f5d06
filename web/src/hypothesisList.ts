/** The hypothesis box's statements: split at `;` and line breaks, blanks dropped (no statement contains either). */
export function hypothesisList(text: string): string[] {
  return text
    .split(/[;\r\n]/)
    .map((t) => t.trim())
    .filter((t) => t !== "");
}
