#!/usr/bin/env node
// Accessibility check of HTML files: each is loaded in headless Debian chromium (playwright-core)
// with every network request refused, axe-core is injected and run with the WCAG 2.0/2.1 A and
// AA rules. Prints the violations (or, with --json, a JSON report per file) and exits 1 if any
// file has a violation or asked for anything but itself, 2 on a usage or browser error.
//
//   node tests/a11y/run_axe.js [--json] [--screenshot PNG] [--pdf PDF] [--width PX] FILE...
//
// --screenshot and --pdf (print media, A4, as a browser prints it) apply to the first file.
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function parseArgs(argv) {
  const args = { files: [], screenshot: null, pdf: null, width: 1280, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--screenshot') args.screenshot = argv[++i];
    else if (a === '--pdf') args.pdf = argv[++i];
    else if (a === '--width') args.width = parseInt(argv[++i], 10);
    else if (a === '--json') args.json = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.files.push(path.resolve(a));
  }
  if (!args.files.length) throw new Error('usage: run_axe.js [--json] [--screenshot PNG] [--pdf PDF] [--width PX] FILE...');
  for (const f of args.files) if (!fs.existsSync(f)) throw new Error(`${f} does not exist`);
  return args;
}

async function check(browser, file, args, first, axeSource) {
  const context = await browser.newContext({ viewport: { width: args.width, height: 900 } });
  const requests = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const local = url.startsWith('file://') && decodeURIComponent(new URL(url).pathname) === file;
    if (local || url.startsWith('data:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto('file://' + file, { waitUntil: 'load' });
  const scripts = await page.evaluate(() => document.scripts.length);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      })),
      passes: r.passes.length,
      version: r.testEngine.version,
    };
  }, TAGS);
  if (first && args.screenshot) await page.screenshot({ path: args.screenshot, fullPage: true });
  if (first && args.pdf) {
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: args.pdf, format: 'A4', preferCSSPageSize: true, printBackground: false });
  }
  await context.close();
  return { file, scripts, requests, ...result };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
  const reports = [];
  try {
    for (const [i, file] of args.files.entries()) reports.push(await check(browser, file, args, i === 0, axeSource));
  } finally {
    await browser.close();
  }
  const failed = reports.some((r) => r.violations.length || r.requests.length);
  if (args.json) {
    console.log(JSON.stringify(reports, null, 2));
  } else {
    for (const r of reports) {
      console.log(`${r.file}: axe-core ${r.version}, ${r.violations.length} violations, ${r.passes} rules passed, ` +
        `${r.scripts} scripts, ${r.requests.length} external requests`);
      for (const url of r.requests) console.log(`  request: ${url.slice(0, 120)}`);
      for (const v of r.violations) {
        console.log(`  ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes.slice(0, 10)) console.log(`    ${n.target}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`);
      }
    }
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => { console.error(String((err && err.stack) || err)); process.exitCode = 2; });
