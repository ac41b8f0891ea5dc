/**
 * The browser checks can fail: on a tiny hand-made site served under a base path, the page watcher
 * must report a CSP-blocked inline script, a blocked inline style, a missing file, an uncaught
 * exception and an alert(); the pixel reader must tell a blank canvas from a drawn one; the overflow
 * check must see a too-wide element; axe must find an image without alt text. Without this, a passing browser suite could mean a deaf one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { watchPage } from '../helpers/browser.ts';
import { axe, browserSuite, canvasPixels, horizontalOverflow, useBrowser } from '../helpers/e2e.ts';
import { serve } from '../helpers/serve.ts';
import { runDir } from '../helpers/shared-build.ts';

const suite = browserSuite;
const CSP = `<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self'; style-src 'self'">`;

let dir: string;

const fx = useBrowser({
  // A tiny hand-made site, in the run's scratch folder, served under a base path.
  site: async () => {
    dir = mkdtempSync(join(runDir(), 'harness-'));
    const page = (name: string, body: string) => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<title>${name}</title></head><body>${body}</body></html>`);
    };
    page('inline-script', '<script>document.title = "ran"</script>');
    page('inline-style', '<p style="color: red">styled</p>');
    page('missing-image', '<img src="nowhere.png" alt="">');
    page('throws', '<script src="../throws.js"></script>');
    page('alerts', '<script src="../alerts.js"></script>');
    page('canvases', '<canvas id="blank" width="50" height="50"></canvas><canvas id="drawn" width="50" height="50"></canvas><script src="../draw.js"></script>');
    page('wide', '<div style="width:2000px">wide</div><link rel="stylesheet" href="../wide.css"><div class="wide">wide</div>');
    page('clean', '<main><h1>Clean</h1><p>Nothing wrong here.</p></main>');
    page('inaccessible', '<main><h1>Bad</h1><img src="../pixel.svg"><p class="faint">hard to read</p><link rel="stylesheet" href="../faint.css"></main>');
    writeFileSync(join(dir, 'throws.js'), 'undefinedFunction();\n');
    writeFileSync(join(dir, 'alerts.js'), 'alert("<img src=x onerror=alert(1)>");\n');
    writeFileSync(join(dir, 'draw.js'), 'const c = document.getElementById("drawn").getContext("2d"); c.fillStyle = "#c00"; c.fillRect(5, 5, 20, 20); c.fillStyle = "#00c"; c.fillRect(25, 25, 20, 20);\n');
    writeFileSync(join(dir, 'wide.css'), '.wide { width: 1200px; }\n');
    writeFileSync(join(dir, 'faint.css'), '.faint { color: #ddd; background: #fff; }\n');
    writeFileSync(join(dir, 'pixel.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n');
    return serve(dir, '/base/');
  },
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

suite('the browser harness notices what goes wrong', () => {
  test.each([
    ['inline-script', 'consoleErrors', /Content Security Policy|Refused to execute/i],
    ['inline-style', 'consoleErrors', /Content Security Policy|Refused to apply/i],
    ['missing-image', 'failedRequests', /404 .*nowhere\.png/],
    ['throws', 'pageErrors', /undefinedFunction/],
    ['alerts', 'dialogs', /alert: <img src=x onerror=alert\(1\)>/],
  ] as const)('%s is reported as %s', async (name, kind, pattern) => {
    const tab = await fx.browser.context.newPage();
    const t = watchPage(tab);
    await tab.goto(`${fx.server.url}${name}/`, { waitUntil: 'load' });
    await tab.waitForTimeout(100);
    expect(t[kind].join('\n')).toMatch(pattern);
    await tab.close();
  });

  test('a clean page reports nothing', async () => {
    const tab = await fx.browser.context.newPage();
    const t = watchPage(tab);
    await tab.goto(`${fx.server.url}clean/`, { waitUntil: 'load' });
    expect(t.all()).toEqual([]);
    await tab.close();
  });

  test('the server honours the base path: outside it, and for missing files, it answers 404', async () => {
    expect((await fetch(`${fx.server.origin}/clean/`)).status).toBe(404);
    expect((await fetch(`${fx.server.url}clean/`)).status).toBe(200);
    expect((await fetch(`${fx.server.url}clean`, { redirect: 'manual' })).status).toBe(301);
    expect((await fetch(`${fx.server.url}../../etc/passwd`)).status).not.toBe(200);
  });

  test('a blank canvas reads as blank, a drawn one as drawn', async () => {
    const tab = await fx.browser.context.newPage();
    await tab.goto(`${fx.server.url}canvases/`);
    const blank = await canvasPixels(tab.locator('#blank'));
    const drawn = await canvasPixels(tab.locator('#drawn'));
    expect(blank.painted).toBe(0);
    expect(drawn.painted).toBe(800);
    expect(drawn.colours).toBe(2);
    await tab.close();
  });

  test('axe-core, injected under the CSP, reports a missing alt text and faint text, and nothing on a clean page', async () => {
    const tab = await fx.browser.context.newPage();
    await tab.goto(`${fx.server.url}inaccessible/`);
    const ids = (await axe(tab)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(ids).toContain('image-alt');
    expect(ids).toContain('color-contrast');
    await tab.goto(`${fx.server.url}clean/`);
    expect((await axe(tab)).filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await tab.close();
  });

  test('overflow is measured at a phone width', async () => {
    const tab = await fx.browser.context.newPage();
    await tab.setViewportSize({ width: 360, height: 700 });
    await tab.goto(`${fx.server.url}wide/`);
    const wide = await horizontalOverflow(tab);
    expect(wide.overflow).toBeGreaterThan(0);
    expect(wide.culprits.join(' ')).toMatch(/div\.wide/);
    await tab.goto(`${fx.server.url}clean/`);
    expect((await horizontalOverflow(tab)).overflow).toBeLessThanOrEqual(0);
    await tab.close();
  });
});
