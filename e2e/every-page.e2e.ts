import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { launchBrowser } from './support/browser';
import { castOfTheWalk, walk, type Person } from './support/walk';

/**
 * Every page of seven people of the demo: a ward reporter, the approver above the ward, a
 * provincial leader, a ward manager, a party member, a provincial inspector and the
 * administrator, on orgs chosen by role (so the walk holds on the demo before and after the 2025
 * reorganization). Each walks the pages its menu offers (navigation.ts) and the detail pages one
 * click away, found through its own API session (a document, its dashboard and a target's
 * cascade, a report, a session, a bridge point, an org, an inspection, a program, a grading
 * round, a member's record; the member also the public check-in page). On a phone (390 px) each
 * page must fit the screen, have an h1, load, and show no raw key, code or English word; at
 * 1440 px an axe-core scan fails on serious or critical violations (once per page shape: another
 * person's copy differs only in data and buttons, which the phone checks cover). A screenshot is
 * saved at both widths. One browser context per person; people walk side by side, a few at a time.
 */

/** People walking at once: more only makes each page slower on a 2-core machine. */
const LANES = 2;
const WALKERS = ['quanly', 'pheduyet', 'baocao', 'lanhdao', 'dangvien', 'kiemtra', 'admin'];

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const people = new Map<string, Person>();
const scanned = new Set<string>();

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  for (const person of await castOfTheWalk(server.url, server.adminPassword)) people.set(person.name, person);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** At most LANES walks at once; each test waits for its turn. */
let running = 0;
const waiting: (() => void)[] = [];
async function inLane<T>(work: () => Promise<T>): Promise<T> {
  if (running >= LANES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

describe.concurrent('every page of every role', () => {
  for (const name of WALKERS) {
    // No retry: a second walk would only repeat the same findings, at the same cost. The time
    // allowed covers the wait for a lane.
    it(
      `${name}: lands home; each page fits a phone, has an h1, speaks Vietnamese and passes axe at 1440 px`,
      { timeout: 1_500_000, retry: 0 },
      async ({ expect }) => {
        const problems = await inLane(() => walk(browser, server.url, people.get(name)!, scanned));
        expect(problems).toEqual([]);
      },
    );
  }
});
