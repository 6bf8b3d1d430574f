// KaTeX's own boxes for a list of formulas, measured in headless Chromium: width, height above
// the baseline and depth below it, in em of the formula (KaTeX's 1.21em of the text), as JSON.
// tests/fixtures/katex-boxes.json is this script's output; src/scene/math.rs checks RaTeX's
// boxes against it.
//
//   npm install --no-save katex@0.16   # beside the reveal oracle's modules
//   REVEAL_ORACLE_MODULES=/path/to/node_modules node scripts/katex-boxes.mjs \
//       tests/fixtures/katex-formulas.txt > tests/fixtures/katex-boxes.json
//
// Each line of the input is `inline TEX` or `display TEX`.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const modules = process.env.REVEAL_ORACLE_MODULES;
if (!modules) {
  console.error('set REVEAL_ORACLE_MODULES to the node_modules holding katex and playwright-core');
  process.exit(64);
}
const require = createRequire(join(modules, 'x.js'));
const { chromium } = require('playwright-core');
const katexDir = join(modules, 'katex', 'dist');
const version = JSON.parse(readFileSync(join(modules, 'katex', 'package.json'), 'utf8')).version;

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim());
const formulas = lines.map((l) => {
  const at = l.indexOf(' ');
  return { display: l.slice(0, at) === 'display', tex: l.slice(at + 1) };
});

const dir = mkdtempSync(join(tmpdir(), 'katex-boxes-'));
const page = join(dir, 'index.html');
writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${katexDir}/katex.min.css">
<script src="file://${katexDir}/katex.min.js"></script>
<style>body { font-size: 42px; font-family: serif; margin: 0 }</style></head><body></body></html>`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
});
try {
  const tab = await browser.newPage();
  await tab.goto('file://' + page);
  const boxes = await tab.evaluate(async (formulas) => {
    const out = [];
    for (const f of formulas) {
      const holder = document.createElement(f.display ? 'div' : 'p');
      const math = document.createElement('span');
      document.body.append(holder);
      katex.render(f.tex, math, { displayMode: f.display, throwOnError: true });
      holder.append(math);
      await document.fonts.ready;
      const k = math.querySelector('.katex');
      const em = parseFloat(getComputedStyle(k).fontSize);
      // Each `.base` starts with a strut as tall as its box (height + depth, in em) that
      // hangs below the baseline by its depth: KaTeX's own numbers, not the line box.
      let width = 0, height = 0, depth = 0;
      for (const b of k.querySelectorAll('.katex-html > .base')) {
        width += b.getBoundingClientRect().width / em;
        const strut = b.querySelector(':scope > .strut');
        const total = parseFloat(strut.style.height) || 0;
        const d = -(parseFloat(strut.style.verticalAlign) || 0);
        height = Math.max(height, total - d);
        depth = Math.max(depth, d);
      }
      out.push({ tex: f.tex, display: f.display, width, height, depth });
      holder.remove();
    }
    return out;
  }, formulas);
  console.log(JSON.stringify({ katex: version, boxes }, null, 1));
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
