/**
 * The report's inline stylesheet: system fonts only (no web fonts, so no network requests). It goes
 * through the escaping builder like any text, so it must not contain '<', '>' or '&' (escaped, they
 * would not be decoded inside <style>); a test checks that.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a; background: #fff; margin: 0; line-height: 1.45; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #e5e5e5; }
h3 { font-size: 1rem; margin: 20px 0 6px; }
.sub { color: #666; margin: 0 0 20px; }
pre.model { background: #f6f8fa; border: 1px solid #e5e5e5; border-radius: 6px; padding: 10px 14px;
  overflow-x: auto; font-size: 0.9rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 0; }
dl.facts dt { color: #666; }
dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.facts-row { display: flex; flex-wrap: wrap; gap: 12px 56px; }
.box { border-radius: 6px; padding: 10px 16px; margin: 16px 0; }
.box.warn { background: #fff4e5; border: 1px solid #f0b35e; }
.box.ok { background: #eef8f1; border: 1px solid #8fd0a6; }
.box ul { margin: 6px 0 0; padding-left: 20px; }
.box p { margin: 0; }
table.summary { border-collapse: collapse; font-size: 0.88rem; font-variant-numeric: tabular-nums; width: 100%; }
table.summary th, table.summary td { padding: 3px 10px; border-bottom: 1px solid #eee; white-space: nowrap; }
table.summary thead th { border-bottom: 1px solid #bbb; font-weight: 600; text-align: left; }
table.summary th[scope=row] { font-weight: 400; text-align: left; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.84rem; }
table.summary .num { text-align: right; }
table.summary td.bad { color: #b34700; font-weight: 600; }
.table-wrap { overflow-x: auto; }
details { margin: 10px 0; }
details summary { cursor: pointer; color: #0b5394; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 8px 20px; }
.plots.single { grid-template-columns: 1fr; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
.note { color: #666; font-size: 0.9rem; }
`;
