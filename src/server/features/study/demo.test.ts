import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { openDemo } from '../../test/demo';
import { anonymous, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let admin: TestClient;

const orgId = async (code: string) => (await db.query<{ id: number }>('SELECT id FROM orgs WHERE code = $1', [code])).rows[0]!.id;
const docId = async (title: string) =>
  (await db.query<{ id: number }>('SELECT id FROM documents WHERE title LIKE $1 ORDER BY id LIMIT 1', [`${title}%`])).rows[0]!.id;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, app, admin, close } = await openDemo('old-tree'));
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => close());

describe('the demo study sessions', () => {
  it('holds the Bình Dương conference of 23/12/2020 with a point at Thành ủy Dĩ An and each ward', async () => {
    const list = (await admin.get('/api/study/sessions?pageSize=100')).json();
    const bd = list.items.find((s: { title: string }) =>
      s.title.startsWith(
        'Hội nghị trực tuyến học tập, quán triệt và triển khai Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh Bình Dương lần thứ XI',
      ),
    );
    expect(bd).toMatchObject({ mode: 'online', orgName: 'Tỉnh ủy Bình Dương' });
    expect(new Date(bd.startsAt).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })).toBe('23/12/2020');
    const points = (await admin.get(`/api/study/sessions/${bd.id}/points`)).json();
    const names = points.map((p: { name: string }) => p.name);
    expect(names).toContain('Điểm cầu Thành ủy Dĩ An');
    expect(names).toContain('Điểm cầu Đảng ủy phường Tân Đông Hiệp');
    expect(points).toHaveLength(9);
    const hg = list.items.find((s: { title: string }) =>
      s.title.startsWith('Hội nghị học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV'),
    );
    expect(new Date(hg.startsAt).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })).toBe('25/12/2020');
  });

  it('leaves coverage high but not complete, with a make-up session open now', async () => {
    const doc = await docId('Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bình Dương lần thứ XI');
    const cov = (await admin.get(`/api/study/coverage?documentId=${doc}&orgId=${await orgId('BD.DIAN')}`)).json();
    expect(cov.org.percent).toBeGreaterThan(85);
    expect(cov.org.percent).toBeLessThan(100);
    expect(cov.children).toHaveLength(7);
    const { rows } = await db.query(`SELECT id FROM study_sessions WHERE makeup_of IS NOT NULL AND now() BETWEEN starts_at AND ends_at`);
    expect(rows).toHaveLength(1);
    const { rows: r } = await db.query<{ status: string }>('SELECT DISTINCT status FROM reflections ORDER BY status');
    expect(r.map((x) => x.status)).toEqual(['accepted', 'rewrite', 'submitted']);
  });

  it('lets an absentee check in at the make-up under way', async () => {
    const { rows } = await db.query<{ id: number; point_id: number; code: string }>(
      `SELECT s.id, bp.id AS point_id, m.code FROM study_sessions s JOIN bridge_points bp ON bp.session_id = s.id
         JOIN bridge_point_members pm ON pm.point_id = bp.id JOIN members m ON m.id = pm.member_id
        WHERE s.makeup_of IS NOT NULL AND now() BETWEEN s.starts_at AND s.ends_at
          AND NOT EXISTS (SELECT 1 FROM attendances a WHERE a.session_id = s.id AND a.member_id = m.id) LIMIT 1`,
    );
    const { token } = (await admin.get(`/api/study/points/${rows[0]!.point_id}/qr`)).json();
    // The host reads the member's personal code off the roll; the member types both codes.
    const roll = (await admin.get(`/api/study/points/${rows[0]!.point_id}/roll?pageSize=500`)).json() as {
      items: { code: string; personalCode: string }[];
    };
    const personalCode = roll.items.find((i) => i.code === rows[0]!.code)!.personalCode;
    const phone = await anonymous(app);
    const res = await phone.request('POST', '/api/study/checkin', { token, memberCode: rows[0]!.code, personalCode });
    expect(res.json().status).toBe('checked_in');
  });
});
