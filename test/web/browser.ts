/**
 * What the page's tests and its benchmark share: the page built into a folder of their own, served
 * on a free port, and Debian's Chromium driven by playwright-core with a fresh profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { PAGE_LIMITS, type PageLimits } from '../../src/serve/limits.ts';
import { serve } from '../../src/serve/server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const VITE_CONFIG = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

/** Builds the page with Vite into a new temporary folder and returns it. */
export async function buildPageInto(): Promise<string> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'goodhart-web-'));
  await build({ configFile: VITE_CONFIG, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export async function servePage(root: string, limits: PageLimits = PAGE_LIMITS): Promise<{ server: Server; url: string }> {
  return serve({ root, limits, port: 0 });
}

/** Headless Chromium with a profile of its own (removed when it closes) and no network but the page's server. */
export async function launchChromium(): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'goodhart-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1600, height: 1000 },
    acceptDownloads: true,
  });
  // A profile is tens of megabytes: left behind, every test run and benchmark would add some to
  // /tmp. Removed once close() has stopped the browser (on 'close' it may still be writing to it).
  const close = context.close.bind(context);
  context.close = async (options) => {
    await close(options);
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  return context;
}
