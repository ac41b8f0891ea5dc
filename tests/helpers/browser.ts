/**
 * Debian's Chromium driven by playwright-core (which never downloads a browser of its own), and a
 * watcher that records everything that went wrong on a page: console errors (CSP violations are
 * reported there too), uncaught exceptions, failed or 4xx/5xx requests, and dialogs (alert() and
 * friends, which the hostile-label tests must never see).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_CHROMIUM, ensureChromiumOnce, mayInstallWithApt } from './chromium.ts';
import { runDir } from './shared-build.ts';

export const CHROMIUM = process.env.ASOF_CHROMIUM ?? DEFAULT_CHROMIUM;

/** True when the browser tests should be skipped: only with ASOF_SKIP_BROWSER=1 (CI never sets it). */
export const skipBrowser = process.env.ASOF_SKIP_BROWSER === '1';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Launches Chromium with its own profile folder. When it is missing, Debian's package is installed
 * first (as root; see chromium.ts); where that cannot be done, this fails with what to do.
 */
export async function launch(options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<Browser> {
  await ensureChromiumOnce(runDir(), { path: CHROMIUM, canInstall: mayInstallWithApt(CHROMIUM) });
  // Inside the run's scratch folder, which the global teardown removes even if a test file crashes.
  const profile = mkdtempSync(join(runDir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    bypassCSP: options.bypassCSP ?? false,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Trouble {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  dialogs: string[];
  /** Everything above, one line each. */
  all: () => string[];
}

/** Records what goes wrong on a page from now on; dialogs are dismissed and recorded. */
export function watchPage(page: Page): Trouble {
  const t: Trouble = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    dialogs: [],
    all: () => [
      ...t.consoleErrors.map((m) => `console: ${m}`),
      ...t.pageErrors.map((m) => `exception: ${m}`),
      ...t.failedRequests.map((m) => `request: ${m}`),
      ...t.dialogs.map((m) => `dialog: ${m}`),
    ],
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning' && /Content.Security.Policy|Refused to/i.test(msg.text())) {
      t.consoleErrors.push(`${msg.text()} (${msg.location().url})`);
    }
  });
  page.on('pageerror', (e) => t.pageErrors.push(e.message));
  page.on('requestfailed', (r) => t.failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) t.failedRequests.push(`${r.status()} ${r.url()}`);
  });
  page.on('dialog', (d) => {
    t.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  return t;
}

/** Scrolls through the whole page so lazy things (IntersectionObserver islands) come to life. */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
    const el = document.scrollingElement ?? document.documentElement;
    for (let y = 0; y <= el.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
    }
    window.scrollTo(0, 0);
  });
}
