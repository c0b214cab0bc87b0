/**
 * `npm run bench -- consultation`: a provincial draft of 300 items sent to 2,000 organizations
 * that send 20,000 comments (two thirds already disposed of). Measures, as a member of the
 * editorial group: the grouped view of the comments (`grouped_ms`, median of 5, limit 300 ms:
 * every item's counts), one page of one item's comments (`group_page_ms`, median of 5) and
 * building the synthesis report in Word (`synthesis_s`, limit 10 s).
 */
import type { Actor } from '../src/server/lib/actor';
import { systemActor } from '../src/server/lib/actor';
import { inTransaction } from '../src/server/db/pool';
import { createDocumentTx } from '../src/server/features/documents/documents.service';
import { insertItem } from '../src/server/features/documents';
import { circulate, issueVersion } from '../src/server/features/consultation/consultation.service';
import { findGroupedComments } from '../src/server/features/consultation/comments.service';
import { exportSynthesisDocx } from '../src/server/features/consultation/consultation.docx';
import { benchDatabase, median, round, timed } from './support';

const ITEMS = 300;
const ORGS = 2000;
const COMMENTS = 20_000;

export default async function consultationBench() {
  const { db, close } = await benchDatabase(8);
  try {
    const system = systemActor('Phép đo');
    const { rows: root } = await db.query<{ id: number; path: string }>(
      `WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
       INSERT INTO orgs (id, path, parent_id, code, name, kind, valid_from) OVERRIDING SYSTEM VALUE
       SELECT n.id, n.id::text::ltree, NULL, 'P', 'Tỉnh ủy Phép Đo', 'province_committee', '2020-01-01' FROM n RETURNING id, path::text`,
    );
    const province = root[0]!;
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind, valid_from) OVERRIDING SYSTEM VALUE
       SELECT x.id, ($1 || '.' || x.id)::ltree, $2, 'P.' || x.g, 'Đảng bộ cơ sở số ' || x.g, 'grassroots', '2020-01-01'
         FROM (SELECT g, nextval(pg_get_serial_sequence('orgs', 'id')) AS id FROM generate_series(1, $3::int) g) x`,
      [province.path, province.id, ORGS],
    );
    const { rows: user } = await db.query<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash, is_disabled) VALUES ('bench.head', 'Tổ trưởng', '!bench', true) RETURNING id`,
    );
    const head: Actor = { ...system, userId: user[0]!.id, username: 'bench.head', fullName: 'Tổ trưởng', grants: [] };
    const docId = await inTransaction(db, async (tx) => {
      const id = await createDocumentTx(tx, system, {
        orgId: province.id,
        kind: 'action_program',
        term: '2025-2030',
        issueDate: null,
        implementsIds: [],
        title: 'Chương trình hành động (phép đo)',
      });
      const parts: number[] = [];
      for (let p = 0; p < 10; p += 1) parts.push(await insertItem(tx, id, null, 'part', `Phần ${p + 1}`, null, null));
      for (let i = 0; i < ITEMS - parts.length; i += 1)
        await insertItem(tx, id, parts[i % parts.length]!, 'task', `Nhiệm vụ ${i + 1}: nội dung dự thảo để góp ý`, null, null);
      await tx.query(`INSERT INTO consultation_team_members (document_id, user_id, role) VALUES ($1, $2, 'head')`, [id, user[0]!.id]);
      return id;
    });
    const version = await issueVersion(db, head, docId, 'Dự thảo lần 1');
    const { rows: orgIds } = await db.query<{ id: number }>('SELECT id FROM orgs WHERE parent_id = $1', [province.id]);
    await circulate(db, head, version.id, { deadline: '2099-12-31', orgIds: orgIds.map((o) => o.id), userIds: [] });
    // Each org answers on items spread over the draft; a third still wait for their disposition.
    await db.query(
      `WITH rc AS (SELECT c.id, c.org_id, row_number() OVER (ORDER BY c.id) AS n FROM consultation_recipients c JOIN consultation_rounds r ON r.id = c.round_id
                    WHERE r.document_id = $1),
            it AS (SELECT stable_key, row_number() OVER (ORDER BY ord) AS n FROM consultation_version_items WHERE version_id = $2)
       INSERT INTO consultation_comments (document_id, version_id, recipient_id, item_key, org_id, source, body, proposed_text, status, sent_at,
           disposition, disposition_reason, disposed_by, disposed_at)
       SELECT $1, $2, rc.id, it.stable_key, rc.org_id, 'written',
              'Góp ý số ' || g || ': đề nghị làm rõ nội dung, bổ sung giải pháp và đơn vị chủ trì thực hiện.',
              CASE WHEN g % 4 = 0 THEN 'Đề nghị sửa thành: nội dung mới số ' || g END, 'sent', now(),
              CASE g % 3 WHEN 0 THEN NULL WHEN 1 THEN 'accepted' ELSE 'explained' END,
              CASE WHEN g % 3 = 2 THEN 'Đã có trong phần giải pháp.' END, CASE WHEN g % 3 <> 0 THEN $4::bigint END,
              CASE WHEN g % 3 <> 0 THEN now() END
         FROM generate_series(1, $3::int) g
         JOIN rc ON rc.n = (g - 1) % ${ORGS} + 1
         JOIN it ON it.n = (g * 7) % ${ITEMS} + 1`,
      [docId, version.id, COMMENTS, user[0]!.id],
    );
    await db.query(`UPDATE consultation_recipients SET answered_at = now()`);
    await db.query('ANALYZE');
    const { rows: counts } = await db.query<{ items: number; comments: number }>(
      `SELECT (SELECT count(*)::int FROM consultation_version_items WHERE version_id = $2) AS items,
              (SELECT count(*)::int FROM consultation_comments WHERE document_id = $1) AS comments`,
      [docId, version.id],
    );
    await findGroupedComments(db, head, docId); // warm the caches once
    const runs: number[] = [];
    let groups = 0;
    for (let i = 0; i < 5; i += 1) {
      const { ms, result } = await timed(() => findGroupedComments(db, head, docId));
      runs.push(ms);
      groups = result.groups.length;
    }
    const pages: number[] = [];
    const { rows: busiest } = await db.query<{ key: string }>(
      `SELECT item_key::text AS key FROM consultation_comments WHERE document_id = $1 AND item_key IS NOT NULL
        GROUP BY item_key ORDER BY count(*) DESC LIMIT 1`,
      [docId],
    );
    for (let i = 0; i < 5; i += 1)
      pages.push((await timed(() => findGroupedComments(db, head, docId, { item: busiest[0]!.key, page: 2 }))).ms);
    const synthesis = await timed(() => exportSynthesisDocx(db, head, docId));
    return {
      items: counts[0]!.items,
      orgs: ORGS,
      comments: counts[0]!.comments,
      groups,
      grouped_ms: round(median(runs)),
      group_page_ms: round(median(pages)),
      synthesis_s: round(synthesis.ms / 1000, 2),
      synthesis_bytes: synthesis.result.buffer.length,
    };
  } finally {
    await close();
  }
}
