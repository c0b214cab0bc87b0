/**
 * Consultation in the demo (issue 16). Bình Phước's action program as it was made: the editorial
 * group's draft (5 parts, 6 key tasks, 3 breakthroughs) sent on 06/9/2021 to departments and
 * districts, their written comments, the Hội nghị lần thứ 6 (mở rộng) held online on 24/9/2021
 * where leaders of units, localities and departments spoke (the five points the article
 * reports), the group's dispositions and the completed version adopted there. The adopted
 * program of the documents step IS the result: its items carry the wording taken in, and the
 * first draft keeps the wording before. And a ward of the new city TP.HCM with its 2025–2030
 * program in its consultation round now (some answers in, one late, some missing).
 *
 * The article names the kinds of units that spoke, not the people: speakers, the group's
 * members, the departments and all written comments are sample data ("(mẫu)").
 */
import type pg from 'pg';
import { systemActor } from '../lib/actor';
import { vnToday } from '../../domain/vn-time';
import { circulateTx, issueVersionTx } from '../features/consultation/consultation.service';
import { createDocumentTx } from '../features/documents/documents.service';
import { insertItem } from '../features/documents';
import type { DemoContext } from './demo-builder';

type Org = { id: number; path: string };
type Disposition = 'accepted' | 'explained' | 'rejected';

/** Where the first draft read otherwise than the adopted program: the item's adopted text starts with `adopted`. */
type Change = { adoptedStart: string; draft: string; adopted: string };

/** The comments taken in at the conference changed these items; the draft read as the documents step wrote them. */
const BP_CHANGES: Change[] = [
  {
    adoptedStart: 'Xây dựng kết cấu hạ tầng',
    draft: 'Xây dựng kết cấu hạ tầng',
    adopted: 'Xây dựng kết cấu hạ tầng đồng bộ, gắn đầu tư mới với duy tu, bảo dưỡng',
  },
  {
    adoptedStart: 'Cơ cấu lại nền kinh tế',
    draft:
      'Cơ cấu lại nền kinh tế, lựa chọn ngành, lĩnh vực trọng tâm để phát triển, đẩy mạnh công nghiệp hóa, hiện đại hóa, phát triển nhanh và bền vững',
    adopted:
      'Cơ cấu lại nền kinh tế, lựa chọn ngành, lĩnh vực trọng tâm để phát triển, đẩy mạnh công nghiệp hóa, hiện đại hóa, phát triển nhanh và bền vững; phát triển cụm, trung tâm đô thị, thị trấn trên cơ sở quy hoạch; đẩy mạnh phát triển các xã biên giới',
  },
  {
    adoptedStart: 'Nâng cao vai trò quản lý của Nhà nước',
    draft: 'Nâng cao vai trò quản lý của Nhà nước, xây dựng các chính sách phù hợp, tác động tích cực vào phát triển',
    adopted:
      'Nâng cao vai trò quản lý của Nhà nước, xây dựng các chính sách phù hợp, tác động tích cực vào phát triển; thực hiện chương trình chuyển đổi số, nâng cao năng lực làm việc trong môi trường số của cán bộ, công chức, doanh nghiệp và người dân',
  },
];

type DemoComment = {
  /** The start of the item's draft text; null: on the whole document. */
  item: string | null;
  body: string;
  proposedText?: string;
  disposition: Disposition;
  reason?: string;
} & ({ source: 'written'; org: string; day: string } | { source: 'conference'; speaker: string; title: string });

/** The conference's comments are the article's five points; written ones and all the people are samples. */
const BP_COMMENTS: DemoComment[] = [
  {
    source: 'written',
    org: 'BP.SKHDT',
    day: '2021-09-14',
    item: null,
    body: 'Dự thảo bám sát Nghị quyết Đại hội XIII và Nghị quyết Đại hội XI Đảng bộ tỉnh; thống nhất bố cục 5 phần.',
    disposition: 'explained',
    reason: 'Tổ biên tập ghi nhận; giữ bố cục 5 phần.',
  },
  {
    source: 'written',
    org: 'BP.DONGXOAI',
    day: '2021-09-15',
    item: 'Cơ cấu lại nền kinh tế',
    body: 'Đề nghị bổ sung chỉ tiêu tỷ lệ đô thị hóa của thành phố Đồng Xoài vào nhiệm vụ này.',
    disposition: 'rejected',
    reason: 'Chỉ tiêu đô thị hóa đã có trong Nghị quyết Đại hội XI Đảng bộ tỉnh; chương trình không nhắc lại.',
  },
  {
    source: 'written',
    org: 'BP.STTTT',
    day: '2021-09-20',
    item: 'Thực hiện 3 đột phá chiến lược',
    body: 'Đề nghị nêu rõ lộ trình thực hiện từng khâu đột phá theo năm.',
    disposition: 'explained',
    reason: 'Lộ trình theo năm được cụ thể hóa trong các kế hoạch thực hiện từng đột phá (Phần IV).',
  },
  {
    source: 'conference',
    speaker: 'Lãnh đạo Sở Giao thông vận tải (mẫu)',
    title: 'Giám đốc Sở',
    item: 'Xây dựng kết cấu hạ tầng',
    body: 'Xây dựng kết cấu hạ tầng phải gắn với việc duy tu, bảo dưỡng.',
    proposedText: 'Xây dựng kết cấu hạ tầng đồng bộ, gắn đầu tư mới với duy tu, bảo dưỡng',
    disposition: 'accepted',
  },
  {
    source: 'conference',
    speaker: 'Lãnh đạo Thị ủy Bình Long (mẫu)',
    title: 'Bí thư Thị ủy',
    item: 'Cơ cấu lại nền kinh tế',
    body: 'Phát triển cụm, trung tâm đô thị, thị trấn trên cơ sở quy hoạch.',
    disposition: 'accepted',
  },
  {
    source: 'conference',
    speaker: 'Lãnh đạo một huyện biên giới (mẫu)',
    title: 'Bí thư Huyện ủy',
    item: 'Cơ cấu lại nền kinh tế',
    body: 'Đẩy mạnh phát triển các xã biên giới và phát huy ý chí tự vươn lên.',
    disposition: 'accepted',
  },
  {
    source: 'conference',
    speaker: 'Lãnh đạo Liên đoàn Lao động tỉnh (mẫu)',
    title: 'Chủ tịch Liên đoàn Lao động tỉnh',
    item: 'Xây dựng Đảng và hệ thống chính trị',
    body: 'Đổi mới tổ chức và hoạt động công đoàn.',
    disposition: 'explained',
    reason: 'Thuộc nhiệm vụ xây dựng hệ thống chính trị; Ban Dân vận Tỉnh ủy cụ thể hóa trong kế hoạch riêng.',
  },
  {
    source: 'conference',
    speaker: 'Lãnh đạo Sở Thông tin và Truyền thông (mẫu)',
    title: 'Giám đốc Sở',
    item: 'Nâng cao vai trò quản lý của Nhà nước',
    body: 'Chương trình chuyển đổi số nhằm tăng cường năng lực và thói quen làm việc trong môi trường số của cán bộ, công chức, cộng đồng doanh nghiệp và người dân.',
    disposition: 'accepted',
  },
];

async function sampleOrg(tx: pg.PoolClient, parent: Org, code: string, name: string, kind: string, validFrom: string): Promise<Org> {
  const { rows } = await tx.query<Org>(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
     INSERT INTO orgs (id, path, parent_id, code, name, kind, is_sample, valid_from) OVERRIDING SYSTEM VALUE
     SELECT n.id, ($1 || '.' || n.id)::ltree, $2, $3, $4, $5, true, $6 FROM n RETURNING id, path::text`,
    [parent.path, parent.id, code, name, kind, validFrom],
  );
  return rows[0]!;
}

/** A sample account (disabled, no usable password) holding `role` on `org`. */
async function sampleUser(tx: pg.PoolClient, org: Org, username: string, fullName: string, role: string): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO users (username, full_name, password_hash, is_disabled) VALUES ($1, $2, '!sample', true) RETURNING id`,
    [username, `${fullName} (mẫu)`],
  );
  await tx.query('INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, $2, $3)', [rows[0]!.id, org.id, role]);
  return rows[0]!.id;
}

async function formTeam(tx: pg.PoolClient, documentId: number, seats: [number, 'head' | 'member' | 'secretary'][], at: string) {
  for (const [userId, role] of seats)
    await tx.query('INSERT INTO consultation_team_members (document_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)', [
      documentId,
      userId,
      role,
      at,
    ]);
}

async function itemKeyStarting(tx: pg.PoolClient, documentId: number, start: string): Promise<string> {
  const { rows } = await tx.query<{ key: string }>(
    `SELECT stable_key::text AS key FROM document_items WHERE document_id = $1 AND text LIKE $2 || '%' ORDER BY id LIMIT 1`,
    [documentId, start],
  );
  if (!rows[0]) throw new Error(`Demo consultation: no item starting "${start}"`);
  return rows[0].key;
}

async function loadBinhPhuoc(tx: pg.PoolClient, ctx: DemoContext) {
  const actor = systemActor('Dữ liệu mẫu');
  const bp = ctx.orgs.get('BP');
  if (!bp) throw new Error('Demo consultation: Bình Phước comes first');
  const { rows: docs } = await tx.query<{ id: number }>(
    `SELECT id FROM documents WHERE org_id = $1 AND kind = 'action_program' AND term = '2020-2025' AND status = 'adopted' ORDER BY id LIMIT 1`,
    [bp.id],
  );
  const docId = docs[0]?.id;
  if (docId === undefined) throw new Error('Demo consultation: Bình Phước’s action program comes first');
  const orgs = new Map<string, Org>();
  for (const [code, name, kind] of [
    ['BP.SKHDT', 'Đảng bộ Sở Kế hoạch và Đầu tư (mẫu)', 'agency'],
    ['BP.SGTVT', 'Đảng bộ Sở Giao thông vận tải (mẫu)', 'agency'],
    ['BP.STTTT', 'Chi bộ Sở Thông tin và Truyền thông (mẫu)', 'agency'],
  ] as const)
    orgs.set(code, await sampleOrg(tx, bp, code, name, kind, '2020-01-01'));
  for (const code of ['BP.DONGXOAI', 'BP.BINHLONG']) {
    const o = ctx.orgs.get(code);
    if (!o) throw new Error(`Demo consultation: ${code} comes first`);
    orgs.set(code, o);
  }
  const head = await sampleUser(tx, bp, 'bp.tbt.head', 'Tổ trưởng Tổ biên tập', 'viewer');
  const secretary = await sampleUser(tx, bp, 'bp.tbt.secretary', 'Thư ký Tổ biên tập', 'viewer');
  const member = await sampleUser(tx, bp, 'bp.tbt.member', 'Thành viên Tổ biên tập', 'viewer');

  // The draft as the group sent it: the document is a draft again for the length of this step.
  await tx.query(`UPDATE documents SET status = 'draft' WHERE id = $1`, [docId]);
  const keys = new Map<string, string>();
  for (const c of BP_CHANGES) {
    const key = await itemKeyStarting(tx, docId, c.adoptedStart);
    keys.set(c.adoptedStart, key);
    await tx.query('UPDATE document_items SET text = $2 WHERE document_id = $1 AND stable_key = $3', [docId, c.draft, key]);
  }
  await formTeam(
    tx,
    docId,
    [
      [head, 'head'],
      [secretary, 'secretary'],
      [member, 'member'],
    ],
    '2021-08-16T08:00:00+07:00',
  );
  const v1 = await issueVersionTx(tx, actor, docId, 'Dự thảo gửi xin ý kiến các sở, ngành, địa phương', { isSample: true });
  await tx.query(`UPDATE consultation_versions SET issued_at = '2021-09-06T08:00:00+07:00', issued_by = $2 WHERE id = $1`, [v1, head]);
  const roundId = await circulateTx(
    tx,
    actor,
    v1,
    {
      deadline: '2021-09-17',
      orgIds: [...orgs.values()].map((o) => o.id),
      userIds: [],
      message: 'Đề nghị các sở, ngành, địa phương góp ý dự thảo Chương trình hành động (mẫu).',
    },
    { isSample: true, today: '2021-09-06' },
  );
  await tx.query(`UPDATE consultation_rounds SET created_at = '2021-09-06T08:30:00+07:00', created_by = $2 WHERE id = $1`, [
    roundId,
    secretary,
  ]);
  await tx.query(`UPDATE notifications SET read_at = now() WHERE kind = 'consultation' AND dedupe_key = $1`, [
    `consultation:${roundId}:sent`,
  ]);

  for (const c of BP_COMMENTS) {
    const itemKey = c.item === null ? null : await itemKeyStarting(tx, docId, c.item);
    const disposedAt = c.source === 'written' ? '2021-09-22T10:00:00+07:00' : '2021-09-24T15:00:00+07:00';
    if (c.source === 'written') {
      const org = orgs.get(c.org)!;
      const at = `${c.day}T09:00:00+07:00`;
      const { rows } = await tx.query<{ id: number }>(
        'UPDATE consultation_recipients SET answered_at = $3 WHERE round_id = $1 AND org_id = $2 RETURNING id',
        [roundId, org.id, at],
      );
      await tx.query(
        `INSERT INTO consultation_comments (document_id, version_id, recipient_id, item_key, org_id, source, body, proposed_text, status,
            sent_at, created_at, disposition, disposition_reason, disposed_by, disposed_at, is_sample)
         VALUES ($1, $2, $3, $4, $5, 'written', $6, $7, 'sent', $8, $8, $9, $10, $11, $12, true)`,
        [
          docId,
          v1,
          rows[0]!.id,
          itemKey,
          org.id,
          c.body,
          c.proposedText ?? null,
          at,
          c.disposition,
          c.reason ?? null,
          secretary,
          disposedAt,
        ],
      );
    } else {
      await tx.query(
        `INSERT INTO consultation_comments (document_id, version_id, item_key, author_id, source, speaker_name, speaker_title, body,
            proposed_text, status, sent_at, created_at, disposition, disposition_reason, disposed_by, disposed_at, is_sample)
         VALUES ($1, $2, $3, $4, 'conference', $5, $6, $7, $8, 'sent', $9, $9, $10, $11, $12, $13, true)`,
        [
          docId,
          v1,
          itemKey,
          secretary,
          c.speaker,
          c.title,
          c.body,
          c.proposedText ?? null,
          '2021-09-24T09:30:00+07:00',
          c.disposition,
          c.reason ?? null,
          head,
          disposedAt,
        ],
      );
    }
  }
  // The secretary of the provincial committee told the group to take the comments in: the items change.
  for (const c of BP_CHANGES)
    await tx.query('UPDATE document_items SET text = $2, version = version + 1 WHERE document_id = $1 AND stable_key = $3', [
      docId,
      c.adopted,
      keys.get(c.adoptedStart)!,
    ]);
  const v2 = await issueVersionTx(tx, actor, docId, 'Dự thảo hoàn chỉnh, tiếp thu ý kiến tại Hội nghị lần thứ 6 (mở rộng)', {
    isSample: true,
  });
  await tx.query(`UPDATE consultation_versions SET issued_at = '2021-09-24T16:00:00+07:00', issued_by = $2 WHERE id = $1`, [v2, head]);
  // The conference: the article gives its date, name and mode; attendance, vote and bridge points are samples.
  await tx.query(
    `UPDATE consultation_documents SET synthesis_published_at = '2021-09-24T17:00:00+07:00', meeting_date = '2021-09-24',
            meeting_name = 'Hội nghị lần thứ 6 (mở rộng) Ban Chấp hành Đảng bộ tỉnh khóa XI', meeting_mode = 'online',
            bridge_points = $2, attendance = 120, votes_for = 118, votes_against = 0, votes_abstain = 2, adopted_version_id = $3
      WHERE document_id = $1`,
    [docId, ['Hội trường Tỉnh ủy (mẫu)', 'Thành ủy Đồng Xoài (mẫu)', 'Thị ủy Bình Long (mẫu)'], v2],
  );
  await tx.query(`UPDATE documents SET status = 'adopted' WHERE id = $1`, [docId]);
  return { docId, comments: BP_COMMENTS.length };
}

/** A ward of the new city in its round now: sent ten days ago, due two days ago. */
async function loadWard(tx: pg.PoolClient, ctx: DemoContext) {
  const actor = systemActor('Dữ liệu mẫu');
  const ward = ctx.orgs.get('HCM.BENTHANH');
  if (!ward) throw new Error('Demo consultation: the new term’s sample ward comes first');
  const today = vnToday();
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  // The ward's own cells (the grading step's) are the recipients, with two committee members.
  const { rows: cells } = await tx.query<Org>(
    `SELECT id, path::text FROM orgs WHERE parent_id = $1 AND valid_to IS NULL ORDER BY code, id LIMIT 4`,
    [ward.id],
  );
  if (cells.length < 4) throw new Error('Demo consultation: the ward’s cells come first');
  const head = await sampleUser(tx, ward, 'bt.tbt.head', 'Phó Bí thư Đảng ủy phường', 'viewer');
  const secretary = await sampleUser(tx, ward, 'bt.tbt.secretary', 'Chánh Văn phòng Đảng ủy phường', 'viewer');
  const people = [
    await sampleUser(tx, ward, 'bt.bch.1', 'Ủy viên Ban Chấp hành Đảng bộ phường 1', 'member'),
    await sampleUser(tx, ward, 'bt.bch.2', 'Ủy viên Ban Chấp hành Đảng bộ phường 2', 'member'),
  ];
  const docId = await createDocumentTx(
    tx,
    actor,
    {
      orgId: ward.id,
      kind: 'action_program',
      term: '2025-2030',
      issueDate: null,
      implementsIds: [],
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ phường Bến Thành lần thứ I, nhiệm kỳ 2025-2030 (mẫu)',
    },
    { isSample: true },
  );
  const part1 = await insertItem(tx, docId, null, 'part', 'Mục tiêu, chỉ tiêu', null, null);
  await insertItem(
    tx,
    docId,
    part1,
    'objective',
    'Xây dựng phường Bến Thành văn minh, hiện đại, là trung tâm thương mại, dịch vụ, du lịch của Thành phố',
    null,
    null,
  );
  const part2 = await insertItem(tx, docId, null, 'part', 'Nhiệm vụ trọng tâm', null, null);
  await insertItem(tx, docId, part2, 'task', 'Hoàn thành chuyển đổi số 100% hồ sơ thủ tục hành chính của phường', null, null);
  await insertItem(tx, docId, part2, 'task', 'Chỉnh trang đô thị, vỉa hè, chiếu sáng các tuyến phố trung tâm', null, null);
  await insertItem(tx, docId, null, 'part', 'Tổ chức thực hiện', null, null);
  await formTeam(
    tx,
    docId,
    [
      [head, 'head'],
      [secretary, 'secretary'],
    ],
    `${day(-14)}T08:00:00+07:00`,
  );
  const v1 = await issueVersionTx(tx, actor, docId, 'Dự thảo lần 1 xin ý kiến các chi bộ và ủy viên Ban Chấp hành', { isSample: true });
  await tx.query('UPDATE consultation_versions SET issued_at = $2, issued_by = $3 WHERE id = $1', [v1, `${day(-10)}T08:00:00+07:00`, head]);
  const roundId = await circulateTx(
    tx,
    actor,
    v1,
    { deadline: day(-2), orgIds: cells.map((c) => c.id), userIds: [], message: 'Đề nghị các chi bộ góp ý trước hạn (mẫu).' },
    { isSample: true, today: day(-10) },
  );
  await tx.query('UPDATE consultation_rounds SET created_at = $2, created_by = $3 WHERE id = $1', [
    roundId,
    `${day(-10)}T08:30:00+07:00`,
    secretary,
  ]);
  // Sample accounts are disabled (no one logs in as them), which circulating refuses: the two members are added here.
  await tx.query('INSERT INTO consultation_recipients (round_id, user_id) SELECT $1, unnest($2::bigint[])', [roundId, people]);
  const taskKey = await itemKeyStarting(tx, docId, 'Hoàn thành chuyển đổi số');
  // Three cells and one committee member answered in time, the fourth cell a day late; the other member has not.
  const answers: { org?: Org; user?: number; at: string; item: string | null; body: string }[] = [
    { org: cells[0]!, at: day(-7), item: taskKey, body: 'Đề nghị bổ sung hướng dẫn người cao tuổi dùng dịch vụ công trực tuyến.' },
    { org: cells[1]!, at: day(-6), item: null, body: 'Thống nhất với dự thảo.' },
    { org: cells[2]!, at: day(-4), item: taskKey, body: 'Đề nghị đặt mốc hoàn thành năm 2027.' },
    { org: cells[3]!, at: day(-1), item: null, body: 'Đề nghị bổ sung nhiệm vụ giữ gìn an ninh trật tự khu vực chợ Bến Thành.' },
    { user: people[0]!, at: day(-5), item: null, body: 'Cần nêu rõ đơn vị chủ trì từng nhiệm vụ.' },
  ];
  for (const a of answers) {
    const at = `${a.at}T09:00:00+07:00`;
    const { rows } = await tx.query<{ id: number }>(
      `UPDATE consultation_recipients SET answered_at = $2 WHERE round_id = $1 AND (org_id = $3 OR user_id = $4) RETURNING id`,
      [roundId, at, a.org?.id ?? null, a.user ?? null],
    );
    await tx.query(
      `INSERT INTO consultation_comments (document_id, version_id, recipient_id, item_key, author_id, org_id, source, body, status, sent_at,
          created_at, is_sample)
       VALUES ($1, $2, $3, $4, $5, $6, 'written', $7, 'sent', $8, $8, true)`,
      [docId, v1, rows[0]!.id, a.item, a.user ?? null, a.org?.id ?? null, a.body, at],
    );
  }
  return { docId, recipients: cells.length + people.length, answered: answers.length };
}

export async function loadDemoConsultation(tx: pg.PoolClient, ctx: DemoContext) {
  const bp = await loadBinhPhuoc(tx, ctx);
  const ward = await loadWard(tx, ctx);
  ctx.log(
    `Dữ liệu mẫu: xin ý kiến dự thảo Chương trình hành động của Tỉnh ủy Bình Phước (${bp.comments} ý kiến, 2 lần dự thảo, thông qua 24/9/2021) và của một phường mẫu TP.HCM (${ward.answered}/${ward.recipients} nơi đã góp ý).`,
  );
}
