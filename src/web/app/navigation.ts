/**
 * Where each person's work is: the pages a user may open (by the same permission table the
 * server enforces), the menu built from them, and the home a user lands on after login. Pure,
 * so that every role's menu and home are tested without a browser.
 */
import { scopePaths, type Permission, type Role } from '../../domain/access/permissions';

export type NavUser = { memberId: number | null; grants: readonly { role: Role; orgId: number; orgPath: string }[] };

/** What a page needs: a permission somewhere, a member record, the administrator role, or only a login. */
type Need = Permission | 'member' | 'authenticated' | 'admin';

/** Every page of the menu with what it needs; the order is the menu's. */
export const PAGES = [
  { path: '/dashboard', need: 'reports.read', group: null },
  { path: '/orgs', need: 'orgs.read', group: null },
  { path: '/members', need: 'members.read', group: null },
  { path: '/users', need: 'users.read', group: null },
  { path: '/documents', need: 'documents.read', group: null },
  { path: '/audit', need: 'audit.read', group: null },
  // The shared indicator catalog is the administrators': they decide what enters it.
  { path: '/indicator-proposals', need: 'admin', group: null },
  { path: '/study', need: 'study.read', group: 'study' },
  { path: '/study/coverage', need: 'study.read', group: 'study' },
  { path: '/study/reflections', need: 'study.read', group: 'study' },
  { path: '/study/me', need: 'member', group: 'study' },
  { path: '/my-work', need: 'authenticated', group: 'reports' },
  { path: '/reports', need: 'reports.read', group: 'reports' },
  { path: '/mail-outbox', need: 'mail.read', group: 'reports' },
  { path: '/oversight', need: 'inspections.read', group: 'oversight' },
  { path: '/oversight/programs', need: 'inspections.read', group: 'oversight' },
  // Subjects of an inspection (any org official) see what was sent to them.
  { path: '/oversight/inspections', need: 'orgs.read', group: 'oversight' },
  { path: '/grading', need: 'grading.read', group: 'grading' },
  { path: '/grading/me', need: 'member', group: 'grading' },
  // The new term: carrying unfinished work of the old term into the new documents.
  { path: '/carry-over', need: 'terms.write', group: null },
  { path: '/oversight/me', need: 'member', group: 'oversight' },
  // Drafts sent for comments to one's org and the editorial groups. A person asked in their own
  // name is sent the draft's own page (/drafts/…, outside the menu) by notification.
  { path: '/consultation', need: 'documents.read', group: null },
  // Merging, splitting, dissolving orgs: administrators and managers over every org involved.
  { path: '/reorg', need: 'reorg.write', group: null },
  { path: '/registry', need: 'registry.read', group: null },
] as const satisfies readonly { path: string; need: Need; group: MenuGroup | null }[];

export type MenuGroup = 'study' | 'reports' | 'oversight' | 'grading';

export type PagePath = (typeof PAGES)[number]['path'];

function meets(user: NavUser, need: Need): boolean {
  if (need === 'authenticated') return true;
  if (need === 'member') return user.memberId !== null;
  if (need === 'admin') return user.grants.some((g) => g.role === 'admin');
  return scopePaths(user.grants, need).length > 0;
}

/**
 * The menu's pages the user may open. "Việc của tôi" is for those who take part in reporting;
 * an account with no page at all still has "Học tập của tôi", which explains what is missing.
 */
export function pagesFor(user: NavUser): PagePath[] {
  const hasWork = meets(user, 'reports.read');
  const pages = PAGES.filter((p) => (p.path === '/my-work' ? hasWork : meets(user, p.need))).map((p) => p.path);
  return pages.length > 0 ? pages : ['/study/me'];
}

/** Whether the user may open the page at `pathname` (pages outside the menu are left to the server). */
export function canOpen(user: NavUser, pathname: string): boolean {
  const page = [...PAGES]
    .sort((a, b) => b.path.length - a.path.length)
    .find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
  if (!page) return true;
  return pagesFor(user).includes(page.path);
}

/**
 * The page a user lands on: an administrator on the org tree; a leader, manager, approver or
 * inspector on the dashboard of their org; a reporter on "Việc của tôi"; a party member on
 * "Học tập của tôi". Never a page the user may not open.
 */
export function homeOf(user: NavUser): string {
  const roles = new Set(user.grants.map((g) => g.role));
  const pages = pagesFor(user);
  const first = (...paths: PagePath[]) => paths.find((p) => pages.includes(p));
  const home = roles.has('admin')
    ? first('/orgs')
    : ['manager', 'approver', 'inspector', 'viewer'].some((r) => roles.has(r as Role))
      ? first('/dashboard')
      : roles.has('reporter')
        ? first('/my-work')
        : first('/study/me');
  return home ?? pages[0] ?? '/study/me';
}
