#!/usr/bin/env node
// @ts-check
/**
 * The UI test: what a user does, in a real browser against a real code-server. It right-clicks
 * the fixture CSV in the explorer, picks "Detect Anomalies", waits for the results panel and
 * checks that every view drew its data (not only an empty frame): the plots mark themselves
 * with data-rendered="true" and data-points, plotly's traces exist, and the events table has
 * one row per event in the run's events.json. Screenshots go to $SHOTS (default
 * test-results/screenshots); the panel shot is also copied to $PANEL_SHOT when set.
 *
 * Called by run.sh (mode ui). Prints one closing line "N passed, N failed"; exit 1 on failure.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { log, openBrowser, workbenchUrl } = require('./workbench');

const DATA_FILE = 'sensors.csv';
const MENU_LABEL = 'Detect Anomalies';
/**
 * Panel views that must draw, by DOM id (fixed by the extension's panel), with what plotly
 * draws for their data: line paths for scatter traces, an image per heatmap, marker points for
 * the graph's nodes. Axes and the frame alone match none of these.
 */
const VIEWS = [
  ['channels-plot', 'channels plot', '.scatterlayer .trace path.js-line'],
  ['score-plot', 'score plot', '.scatterlayer .trace path.js-line'],
  ['heatmap-plot', 'localization heatmap', '.heatmaplayer .hm image'],
  ['graph-plot', 'graph adjacency heatmap', '.heatmaplayer .hm image'],
  ['graph-network', 'graph node-link view', '.scatterlayer .trace path.point'],
];
const SHOTS = path.resolve(process.env.SHOTS || 'test-results/screenshots');
/** Training a tiny model takes seconds; the margin is for a slow, shared CI machine. */
const RUN_TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 120_000);

/** Counts named checks; a failed check is logged with its reason and the run goes on. */
function makeChecks() {
  const results = { passed: 0, failed: 0 };
  async function check(name, body) {
    try {
      await body();
      results.passed += 1;
      log(`  ok      ${name}`);
      return true;
    } catch (error) {
      results.failed += 1;
      // playwright's messages carry a multi-line call log; the first line says what failed.
      const reason = String(error instanceof Error ? error.message : error).split('\n')[0];
      log(`  FAILED  ${name}: ${reason}`);
      return false;
    }
  }
  return { check, results };
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The events.json of the run on DATA_FILE, read from the workspace copy's results folder. */
function readRunEvents() {
  const root = path.join(process.env.WORKSPACE_DIR ?? '', 'post-results');
  const folder = path.join(root, path.parse(DATA_FILE).name);
  const file = path.join(folder, 'events.json');
  assert(fs.existsSync(file), `no ${file} after the run`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Menu contributions appear only once the extension host has registered the extension, a few
 * seconds after the explorer: right-click until the item is there.
 */
async function openContextMenu(page, row) {
  const item = page.getByRole('menuitem', { name: MENU_LABEL, exact: true });
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    try {
      await item.waitFor({ timeout: 2_000 });
      log(`context menu has "${MENU_LABEL}" (right-click ${attempt})`);
      return item;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
}

/** Checks one panel view: drawn, with points, and with its data's marks, visible. */
async function checkView(panel, id, marksSelector) {
  const rendered = panel.locator(`#${id}[data-rendered="true"]`);
  await rendered.waitFor({ state: 'attached', timeout: RUN_TIMEOUT_MS });
  const drawn = await panel.locator(`#${id}`).evaluate(
    (element, selector) => ({
      points: Number(element.getAttribute('data-points')),
      marks: element.querySelectorAll(selector).length,
      width: element.getBoundingClientRect().width,
    }),
    marksSelector,
  );
  assert(drawn.points > 0, `data-points is ${drawn.points}`);
  assert(drawn.marks > 0, `nothing matches '${marksSelector}': only the frame is drawn`);
  assert(drawn.width > 0, 'drawn but not visible');
}

/** Checks the events table: one body row per event of the run, with non-empty cells. */
async function checkEventsTable(panel) {
  const events = readRunEvents();
  assert(events.length > 0, 'the run found no events in the fixture: nothing to check');
  const rows = panel.locator('#events-grid vscode-data-grid-row:not([row-type="header"])');
  await rows.first().waitFor({ timeout: RUN_TIMEOUT_MS });
  const count = await rows.count();
  assert(count === events.length, `${count} table rows for ${events.length} events`);
  const firstRow = await rows.first().locator('vscode-data-grid-cell').allInnerTexts();
  assert(firstRow.length >= 3, `first row has ${firstRow.length} cells`);
  assert(firstRow.every((text) => text.trim() !== ''), `empty cell in ${JSON.stringify(firstRow)}`);
}

/**
 * Saves the workbench as the user sees it, each view of the panel on its own, and the whole
 * panel (window made tall enough to hold it) for the README.
 */
async function saveScreenshots(page, panel) {
  await page.waitForTimeout(500); // plotly's transitions
  await page.screenshot({ path: path.join(SHOTS, 'workbench.png') });
  for (const [id] of VIEWS) {
    await panel.locator(`#${id}`).screenshot({ path: path.join(SHOTS, `${id}.png`) });
  }
  await panel.locator('#events-grid').screenshot({ path: path.join(SHOTS, 'events-grid.png') });

  await panel.locator('body').evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0); // off the plots, so plotly hides its toolbar
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1400, height: 2400 });
  await page.waitForTimeout(2_000); // the panel relays its plots out on resize
  // A clip of the page, not an element screenshot: those composite the webview's nested
  // frames out of place (plots drawn over the headings below them).
  const editor = await page.locator('.part.editor').boundingBox();
  const shot = path.join(SHOTS, 'panel.png');
  await page.screenshot({ path: shot, clip: editor ?? undefined });
  if (viewport) await page.setViewportSize(viewport);
  if (process.env.PANEL_SHOT) {
    fs.mkdirSync(path.dirname(process.env.PANEL_SHOT), { recursive: true });
    fs.copyFileSync(shot, process.env.PANEL_SHOT);
  }
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const { check, results } = makeChecks();
  const { page, close } = await openBrowser();
  try {
    await page.goto(workbenchUrl());
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: DATA_FILE });
    // webview (host frame) > #active-frame (the panel's own document)
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

    const listed = await check(`explorer lists ${DATA_FILE}`, async () => {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await row.first().waitFor({ timeout: 60_000 });
    });
    const picked = listed && await check(`context menu offers "${MENU_LABEL}"`, async () => {
      const item = await openContextMenu(page, row.first());
      await page.waitForTimeout(300); // let the menu finish fading in for the screenshot
      await page.screenshot({ path: path.join(SHOTS, 'context-menu.png') });
      await item.click();
    });
    const opened = picked && await check('results panel opens', async () => {
      await panel.locator('#score-plot').waitFor({ state: 'attached', timeout: RUN_TIMEOUT_MS });
    });
    if (opened) {
      for (const [id, name, marks] of VIEWS) {
        await check(`${name} (#${id}) drew its data`, () => checkView(panel, id, marks));
      }
      await check('events table (#events-grid) lists every event', () => checkEventsTable(panel));
      await check('screenshots saved', () => saveScreenshots(page, panel));
    }
    if (results.failed > 0) await page.screenshot({ path: path.join(SHOTS, 'failure.png') });
  } finally {
    await close();
  }
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('drive-ui-test failed:', error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
