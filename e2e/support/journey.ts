import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../../src/server/test/app-server';
import type { DemoTree } from '../../src/server/demo/demo-builder';
import { launchBrowser, logIn, newAppPage, screenshot } from './browser';

export type Journey = {
  server: Awaited<ReturnType<typeof startTestServer>>;
  browser: Browser;
  page: Page;
  /** Errors the page threw or logged; a journey checks it stays empty. */
  errors: string[];
};

/**
 * One product server (fresh database, demo data), one browser and one page logged in as the
 * administrator, for the journeys of a describe block; a failing journey leaves a screenshot
 * named after `name` and the step it was at. The fields are filled before the first test. A
 * journey of the 2020–2025 term asks for the demo's old tree (before 01/07/2025).
 */
export function adminJourney(name: string, currentStep: () => string, tree: DemoTree = 'today'): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    journey.server = await startTestServer(tree);
    journey.browser = await launchBrowser();
    ({ page: journey.page, errors: journey.errors } = await newAppPage(journey.browser, journey.server.url));
    await logIn(journey.page, 'admin', journey.server.adminPassword);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && journey.page)
      await screenshot(journey.page, `failed-${name}-${currentStep()}`).catch(() => undefined);
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
  });
  return journey;
}
