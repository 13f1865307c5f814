#!/usr/bin/env node
// Drives the page of a running `praatplaat serve` in headless Debian chromium (playwright-core),
// as tests/test_serve.py asks: hover a question to see its source; zoom and scroll the poster;
// edit a question in the served content folder several times and time each save to the moment
// the new text is in the poster's SVG (a MutationObserver in the page takes the time); break
// the content and wait for the error overlay; fix it and wait for the overlay to go; run
// axe-core (WCAG 2.0/2.1 A and AA) on the page as it is and with the overlay showing.
// Prints one JSON report; every wait is bounded.
//
//   node tests/a11y/serve_check.js URL CONTENT_DIR [--screenshot PNG]
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const THEME = 'themes/05-bedrijfsvoering.md';
const QUESTION = 9; // the line of question 1 in THEME
const WAIT = 30000; // ms: generous, for a loaded machine; the latency is measured, not waited for

async function axe(page, source) {
  await page.addScriptTag({ content: source });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
      passes: r.passes.length,
    };
  }, TAGS);
}

// Write `text` to the theme file and wait until `ready()` holds in the page; the milliseconds
// from the write to the DOM change that made it hold (taken in the page by a MutationObserver).
async function saveAndWait(page, file, text, ready, arg) {
  await page.evaluate(([body, value]) => {
    window.__seenAt = null;
    // eslint-disable-next-line no-new-func
    const test = new Function('value', body);
    const check = () => { if (window.__seenAt === null && test(value)) window.__seenAt = Date.now(); };
    if (window.__observer) window.__observer.disconnect();
    window.__observer = new MutationObserver(check);
    window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, [ready, arg]);
  const start = Date.now();
  fs.writeFileSync(file, text);
  await page.waitForFunction(() => window.__seenAt !== null, null, { timeout: WAIT, polling: 50 });
  return (await page.evaluate(() => window.__seenAt)) - start;
}

const POSTER_HAS = "const svg = document.querySelector('#pane-poster svg'); return !!svg && svg.textContent.includes(value);";
const OVERLAY_SHOWS = "const o = document.getElementById('problems'); return !o.hidden && o.textContent.includes(value);";
const OVERLAY_GONE = "return document.getElementById('problems').hidden && document.getElementById('status').className === value;";

async function main() {
  const [url, content, ...rest] = process.argv.slice(2);
  const shot = rest[0] === '--screenshot' ? rest[1] : null;
  const file = path.join(content, THEME);
  const original = fs.readFileSync(file, 'utf8');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
  const report = { latencies: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, bypassCSP: true }); // for axe's script
    await page.goto(url, { waitUntil: 'load', timeout: WAIT });
    await page.waitForSelector('#pane-poster svg text', { timeout: WAIT });
    await page.waitForFunction(() => document.getElementById('status').className === 'ok', null, { timeout: WAIT });
    await page.evaluate(() => { window.__marker = 'still the same page'; });
    report.axe = await axe(page, axeSource);

    // where a question comes from
    const where = `${THEME}:${QUESTION}`;
    await page.hover(`#pane-poster [data-source="${where}"]`, { timeout: WAIT });
    report.tip = await page.evaluate(() => { const t = document.getElementById('source-tip'); return t.hidden ? '' : t.textContent; });
    await page.click(`#pane-poster [data-source="${where}"]`);
    report.pinned = await page.textContent('#source-pinned');

    // zoom in twice, scroll inside the poster and the page
    await page.click('#pane-poster [data-zoom-step="1"]');
    await page.click('#pane-poster [data-zoom-step="1"]');
    await page.evaluate(() => {
      const s = document.querySelector('#pane-poster .scroller');
      s.scrollTop = 400; s.scrollLeft = 300;
      window.scrollTo(0, 150);
    });
    const view = () => page.evaluate(() => {
      const s = document.querySelector('#pane-poster .scroller');
      return { zoom: document.querySelector('#pane-poster .zoom-level').textContent, top: s.scrollTop, left: s.scrollLeft, page: window.scrollY };
    });
    report.viewBefore = await view();

    // edit the last question, four times
    for (let i = 1; i <= 4; i++) {
      const word = `Zonnebloem${i}${Date.now() % 1000}`;
      const text = original.replace(/^13\. .*$/m, `13. Bloeit de ${word} hier?`);
      report.latencies.push(await saveAndWait(page, file, text, POSTER_HAS, word));
      report.lastWord = word;
      await page.waitForFunction(() => document.getElementById('status').className === 'ok', null, { timeout: WAIT });
    }
    report.viewAfter = await view();
    report.marker = await page.evaluate(() => window.__marker);

    // break the content: an overlay with file and line; the last good poster stays
    const broken = original.replace(/^level: 5$/m, 'level: five');
    report.brokenLatency = await saveAndWait(page, file, broken, OVERLAY_SHOWS, `${THEME}:4`);
    report.overlay = await page.textContent('#problems');
    report.keptPoster = await page.evaluate((w) => document.querySelector('#pane-poster svg').textContent.includes(w), report.lastWord);
    report.axeOverlay = await axe(page, axeSource);
    if (shot) await page.screenshot({ path: shot.replace(/\.png$/, '-error.png') });

    // fix it: the overlay goes
    report.fixedLatency = await saveAndWait(page, file, original, OVERLAY_GONE, 'ok');
    report.overlayHidden = await page.evaluate(() => document.getElementById('problems').hidden);
    report.restored = await page.evaluate(() => !document.querySelector('#pane-poster svg').textContent.includes('Zonnebloem'));
    report.markerAtEnd = await page.evaluate(() => window.__marker);
    if (shot) {
      await page.evaluate(() => {
        document.querySelectorAll('.viewer').forEach((v) => v.querySelector('[data-zoom-step="0"]').click());
        window.scrollTo(0, 0);
      });
      await page.hover(`#pane-poster [data-source="${where}"]`);
      await page.screenshot({ path: shot });
    }
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
  }
  console.log(JSON.stringify(report, null, 2));
}

main().catch((err) => { console.error(String((err && err.stack) || err)); process.exitCode = 2; });
