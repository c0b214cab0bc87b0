import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, type Json } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * The ratings history: from an org's page in the tree to its ratings year on year (the demo's
 * 2021–2024 rounds under QĐ 132 and 124), and from a member's page to theirs, on a wide screen
 * and on a phone.
 */
describe('Rating history in the browser', () => {
  let page: Page;
  let errors: string[];
  let current = '';
  const journey = adminJourney('grading-history', () => current);
  const api = async (path: string) => page.evaluate(async (p) => (await (await fetch(`/api${p}`)).json()) as Json, path);

  beforeAll(() => {
    ({ page, errors } = journey);
  });

  it('shows an org’s and a member’s ratings by period with the rule set and the score', async () => {
    current = 'find';
    const rounds = (await api('/grading/rounds')) as Json[];
    const yearly = rounds.filter((r) => r.periodKind === 'year').sort((a, b) => String(a.periodKey).localeCompare(String(b.periodKey)));
    expect(yearly.length).toBeGreaterThan(0);
    const evaluations = (await api(`/grading/rounds/${yearly[0]!.id}/evaluations?pageSize=200`)).items as Json[];
    const org = evaluations.find((e) => e.subjectKind === 'org' && e.status === 'decided')!;
    const member = evaluations.find((e) => e.subjectKind === 'member' && e.status === 'decided')!;

    current = 'org';
    await page.goto(`/orgs?orgId=${org.orgId}`);
    await page.getByTestId('grading-history-link').click();
    await page.getByTestId('history-title').waitFor();
    const cards = page.getByTestId('history-ratings').locator('.ant-card');
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    await expect.poll(() => cards.first().textContent()).toMatch(/Năm \d{4}.*Điểm.*Theo \d+-QĐ\/TW/);
    await screenshot(page, 'grading-history-org-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'grading-history-org-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    current = 'member';
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/registry/members/${member.memberId}`);
    await page.getByTestId('grading-history-link').click();
    await page.getByTestId('history-title').waitFor();
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'grading-history-member-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  }, 180_000);
});
