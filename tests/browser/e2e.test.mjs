// End-to-end test of the strata page in headless Debian Chromium.
//
// Serves www/ (built by scripts/build-web.sh) on a loopback port of its own,
// drives /usr/bin/chromium with playwright-core (which never downloads a
// browser), and checks what a person would see: merged values, positioned
// errors that leave the input alone, and no request leaving the machine.
//
// Run: node --test tests/browser/   (scripts/test.sh does, after the build)
// Environment: CHROMIUM (default /usr/bin/chromium), STRATA_WWW (default www/),
// STRATA_BIN (the release CLI, for the CLI/page parity check), SCREENSHOT_DIR
// (default the OS temp dir).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const www = resolve(process.env.STRATA_WWW ?? join(repo, 'www'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshotDir = process.env.SCREENSHOT_DIR ?? tmpdir();
const exampleDir = join(repo, 'examples/mcp-mesh/environments');

// Two layers and what Helm makes of them, in strata's YAML style (2-space
// indent, block style, keys in order of first appearance).
const BASE = 'a: 1\nb: {c: 2}\n';
const OVERLAY = 'b: {d: 3}\n';
const MERGED = 'a: 1\nb:\n  c: 2\n  d: 3\n';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** A static server for `root` on 127.0.0.1, on a port the OS picks. */
function serve(root) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Is this request's URL on this machine (or inside the page)? */
function isLocal(url) {
  const { protocol, hostname } = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(protocol)) return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

describe('strata page in Chromium', () => {
  let server;
  let context;
  let page;
  let base;
  let profileDir;
  const requests = [];
  const pageErrors = [];

  before(async () => {
    assert.ok(existsSync(join(www, 'pkg', 'strata_web_bg.wasm')), `no build in ${www}/pkg: run scripts/build-web.sh`);
    server = await serve(www);
    base = `http://127.0.0.1:${server.address().port}/`;
    profileDir = mkdtempSync(join(tmpdir(), 'strata-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(base);
    // The wasm app has started when the first layer's text area exists.
    await page.locator('#layer-0-text').waitFor({ timeout: 20_000 });
  });

  after(async () => {
    await context?.close();
    await new Promise((done) => (server ? server.close(done) : done()));
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  /** The text shown in the output panel, once it equals `expected` (or the last seen). */
  async function outputText(expected, on = page) {
    try {
      await on.waitForFunction(
        (want) => document.querySelector('#output')?.textContent === want,
        expected,
        { timeout: 5_000 },
      );
    } catch {
      // Fall through: the assertion below shows what is there instead.
    }
    const errors = await on.locator('#errors').allTextContents();
    assert.deepEqual(errors, [], 'the page shows errors instead of output');
    return on.locator('#output').textContent();
  }

  async function setLayers(baseText, overlayText) {
    await page.locator('#layer-0-text').fill(baseText);
    await page.locator('#layer-1-text').fill(overlayText);
  }

  it('opens with the bundled example, both layers named as files', async () => {
    assert.equal(await page.locator('#layer-0-name').inputValue(), 'values.yaml');
    assert.equal(await page.locator('#layer-1-name').inputValue(), 'values-production.yaml');
    const baseText = readFileSync(join(exampleDir, 'base/values.yaml'), 'utf8');
    const overlayText = readFileSync(join(exampleDir, 'production/values.yaml'), 'utf8');
    assert.equal(await page.locator('#layer-0-text').inputValue(), baseText);
    assert.equal(await page.locator('#layer-1-text').inputValue(), overlayText);
    await page.screenshot({ path: join(screenshotDir, 'strata-example.png'), fullPage: true });
  });

  it('shows the same bytes as the CLI for the bundled example', async (t) => {
    const bin = process.env.STRATA_BIN;
    if (!bin || !existsSync(bin)) {
      t.skip('STRATA_BIN not set to the release CLI');
      return;
    }
    const files = ['base/values.yaml', 'production/values.yaml'].map((f) => join(exampleDir, f));
    const cli = execFileSync(bin, ['render', '-f', files[0], '-f', files[1]], { encoding: 'utf8' });
    // The CLI names files as given; the page by their layer names. Values carry no names.
    assert.equal(await outputText(cli), cli);
  });

  it('merges two pasted layers into exactly the expected YAML', async () => {
    await setLayers(BASE, OVERLAY);
    assert.equal(await outputText(MERGED), MERGED);
    assert.match(await page.locator('#command').textContent(), /^strata render -f values\.yaml -f values-production\.yaml$/);
  });

  it('switches to JSON output and the Helm 3 profile', async () => {
    await page.getByText('JSON', { exact: true }).click();
    await page.waitForFunction(() => document.querySelector('#output')?.textContent.trimStart().startsWith('{'));
    assert.deepEqual(JSON.parse(await page.locator('#output').textContent()), { a: 1, b: { c: 2, d: 3 } });
    await page.getByText('Helm 3', { exact: true }).click();
    assert.match(await page.locator('#command').textContent(), /--helm 3 .* -o json$/);
    await page.getByText('YAML', { exact: true }).click();
    await page.getByText('Helm 4', { exact: true }).click();
    assert.equal(await outputText(MERGED), MERGED);
  });

  it('shows a positioned error for broken YAML and keeps the input', async () => {
    const broken = 'b:\n  d: [1, 2\n';
    await page.locator('#layer-1-name').fill('prod.yaml');
    await page.locator('#layer-1-text').fill(broken);
    const errors = page.locator('#errors');
    await errors.waitFor({ timeout: 5_000 });
    const text = await errors.textContent();
    assert.match(text, /prod\.yaml:\d+:\d+: error\[/, `no positioned error in: ${text}`);
    assert.equal(await page.locator('#output').count(), 0, 'stale output still shown');
    assert.equal(await page.locator('#layer-1-text').inputValue(), broken);
    assert.equal(await page.locator('#layer-1-text').getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: join(screenshotDir, 'strata-error.png'), fullPage: true });

    // The position is a button that selects the reported line in its layer.
    const position = errors.locator('button.position').first();
    const [, line] = (await position.textContent()).match(/:(\d+):\d+$/);
    await position.click();
    const selected = await page.evaluate(() => {
      const area = document.activeElement;
      return area.id === 'layer-1-text' ? area.value.slice(area.selectionStart, area.selectionEnd) : null;
    });
    assert.equal(selected, broken.split('\n')[Number(line) - 1]);
  });

  it('recovers when the layer is fixed', async () => {
    await page.locator('#layer-1-text').fill(OVERLAY);
    assert.equal(await outputText(MERGED), MERGED);
  });

  it('the single-file page works from file:// with no request at all', async (t) => {
    const single = join(www, 'strata.html');
    if (!existsSync(single)) {
      t.skip('no www/strata.html (scripts/build-web.sh --single-file)');
      return;
    }
    const local = await context.newPage();
    const seen = [];
    const errors = [];
    local.on('request', (request) => seen.push(request.url()));
    local.on('pageerror', (error) => errors.push(String(error)));
    await local.goto(`file://${single}`);
    await local.locator('#layer-0-text').waitFor({ timeout: 20_000 });
    await local.locator('#layer-0-text').fill(BASE);
    await local.locator('#layer-1-text').fill(OVERLAY);
    assert.equal(await outputText(MERGED, local), MERGED);
    assert.deepEqual(seen.filter((url) => !url.startsWith('file:') && !url.startsWith('data:')), []);
    assert.deepEqual(errors, []);
    await local.close();
  });

  it('sent no request off this machine and threw no error', () => {
    const remote = requests.filter((url) => !isLocal(url));
    assert.deepEqual(remote, [], 'requests left the machine');
    assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the wasm was not loaded over loopback');
    assert.deepEqual(pageErrors, []);
  });
});
