// Keep, in the theme's big stylesheets, only the rules whose selectors can match the
// written book: its pages and every script that may add a class at run time (Bootstrap,
// the theme, Sphinx, the course's own). PurgeCSS (npm, package-lock.json) does the
// matching; CSS variables, @font-face and keyframes are all kept.
//   node scripts/purge_css.cjs <book output folder> <stylesheet relative to it>...
// Prints, per stylesheet, its size before and after, as JSON.
"use strict";
const fs = require("fs");
const path = require("path");
const { PurgeCSS } = require("purgecss");

function files(dir, test, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files(full, test, out);
    else if (test(full)) out.push(full);
  }
  return out;
}

async function main() {
  const [outdir, ...sheets] = process.argv.slice(2);
  if (!outdir || !sheets.length) throw new Error("usage: purge_css.cjs <outdir> <css>...");
  const content = files(outdir, (f) => f.endsWith(".html") ||
    (f.endsWith(".js") && !/fontawesome\.js$|plotly\.min\.js$|searchindex\.js$/.test(f)));
  const report = {};
  for (const sheet of sheets) {
    const file = path.join(outdir, sheet);
    const before = fs.statSync(file).size;
    const [result] = await new PurgeCSS().purge({
      content, css: [file], variables: false, keyframes: false, fontFace: false,
      // states that only exist as selectors built at run time, never as a whole word,
      // and selectors made of pseudo-classes alone (« :focus-visible », the focus ring)
      safelist: { standard: [/^:/, /^show$/, /^fade$/, /^collapsing$/, /^modal-/, /^tooltip/, /^bs-tooltip/, /^popover/,
                             /^dropdown-menu/, /^active$/, /^focus/, /^hover/, /^disabled$/, /^was-validated$/],
                  greedy: [/data-theme/, /data-mode/, /aria-/] },
    });
    fs.writeFileSync(file, result.css);
    report[sheet] = [before, Buffer.byteLength(result.css)];
  }
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((error) => { process.stderr.write(String(error && error.stack || error) + "\n"); process.exit(1); });
