/**
 * Demo inspection and supervision, every row marked is_sample (the seeds name the commission,
 * not its files): the 2021 and 2023 programs of UBKT Tỉnh ủy Bình Dương, the thematic
 * supervision of Thành ủy Dĩ An on carrying out the XI resolution (self-report pre-filled from
 * the demo's figures, findings linked to the off-track GRDP and enterprise targets, a
 * conclusion with three recommendations, one overdue), the Bloc's own 2023 program and its
 * inspection of a grassroots organization on admitting members. The teams are sample user
 * accounts (disabled, with no usable password: an administrator enables one and sets its
 * password to use it), so that each file's team page lists its head, members and secretary.
 */
import type pg from 'pg';
import { nextOversightNumber } from '../features/oversight/oversight.queries';
import { selfReportFigures } from '../features/oversight/self-report.service';
import type { DemoContext } from './demo-builder';

type Org = { id: number; path: string; kind: string; name: string };

async function org(tx: pg.PoolClient, ctx: DemoContext, code: string): Promise<Org | null> {
  const ref = ctx.orgs.get(code);
  if (!ref) return null;
  const { rows } = await tx.query<Org>(`SELECT id, path::text AS path, kind, name FROM orgs WHERE id = $1`, [ref.id]);
  return rows[0] ?? null;
}

async function program(tx: pg.PoolClient, o: Org, year: number, title: string, issueDate: string) {
  const { symbol, number } = await nextOversightNumber(tx, o, 'inspection_commission', 'program', year);
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO oversight_programs (org_id, body, year, number, symbol, title, issue_date, is_sample) VALUES ($1, 'inspection_commission', $2, $3, $4, $5, $6, true) RETURNING id`,
    [o.id, year, number, symbol, title, issueDate],
  );
  return rows[0]!.id;
}

type Entry = {
  kind: string;
  basis: string;
  content: string;
  theme: string;
  subjects: Org[];
  documentIds?: number[];
  itemIds?: number[];
  start: string;
  end: string;
};
async function entry(tx: pg.PoolClient, programId: number, e: Entry) {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO oversight_entries (program_id, position, kind, basis, content, theme, subject_org_ids, document_ids, item_ids, period_start, period_end, responsible_body)
     VALUES ($1, (SELECT COALESCE(max(position), 0) + 1 FROM oversight_entries WHERE program_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, 'inspection_commission') RETURNING id`,
    [programId, e.kind, e.basis, e.content, e.theme, e.subjects.map((s) => s.id), e.documentIds ?? [], e.itemIds ?? [], e.start, e.end],
  );
  return rows[0]!.id;
}

type TeamSeat = { userId: number; role: 'head' | 'member' | 'secretary' };

/**
 * A sample account of the running committee's inspection staff, holding the inspector role
 * there. Disabled and without a usable password ('!' never matches a scrypt hash).
 */
async function sampleInspector(tx: pg.PoolClient, at: Org, username: string, fullName: string): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO users (username, full_name, password_hash, is_disabled) VALUES ($1, $2, '!sample', true) RETURNING id`,
    [username, `${fullName} (mẫu)`],
  );
  await tx.query(`INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, $2, 'inspector')`, [rows[0]!.id, at.id]);
  return rows[0]!.id;
}

type Finding = { kind: string; theme: string; text: string; itemIds?: number[] };
type Rec = { text: string; owner: Org; deadline: string; status: string; evidence?: string };

/** One file carried to `status` with its documents numbered from the running body's counters. */
async function inspection(
  tx: pg.PoolClient,
  run: Org,
  subject: Org,
  f: {
    entryId: number;
    kind: string;
    basis: string;
    content: string;
    theme: string;
    documentId: number | null;
    start: string;
    end: string;
    decisionDate: string;
    plan: string;
    notice: string;
    selfReport: string;
    minutes: string;
    teamReport: string;
    findings: Finding[];
    conclusion: string;
    recs: Rec[];
    status: 'follow_up' | 'closed';
    team: TeamSeat[];
  },
) {
  const year = Number(f.start.slice(0, 4));
  const decision = await nextOversightNumber(tx, run, 'inspection_commission', 'decision', year);
  const plan = await nextOversightNumber(tx, run, 'inspection_commission', 'plan', year);
  const conclusion = await nextOversightNumber(tx, run, 'inspection_commission', 'conclusion', year);
  const figures = await selfReportFigures(tx, { orgId: subject.id, path: subject.path, documentId: f.documentId }, f.end);
  const counts = (k: string) => f.findings.filter((x) => x.kind === k).length;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO inspections (org_id, entry_id, kind, basis, responsible_body, subject_org_id, content, theme, document_id, period_start, period_end, year, status,
       decision_symbol, decision_date, plan_symbol, plan_text, notice_text, notified_at, self_report_text, self_report_figures, self_reported_at, team_report_text,
       conclusion_symbol, conclusion_text, concluded_at, conclusion_sent_at, closed_at, strengths, limitations, shortcomings, violations, is_sample)
     VALUES ($1, $2, $3, $4, 'inspection_commission', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $14::date + 7, $18, $19, $14::date + 20, $20,
       $21, $22, $10::date + 15, $10::date + 20, CASE WHEN $12 = 'closed' THEN $10::date + 120 END, $23, $24, $25, $26, true) RETURNING id`,
    [
      run.id,
      f.entryId,
      f.kind,
      f.basis,
      subject.id,
      f.content,
      f.theme,
      f.documentId,
      f.start,
      f.end,
      year,
      f.status,
      decision.symbol,
      f.decisionDate,
      plan.symbol,
      f.plan,
      f.notice,
      f.selfReport,
      JSON.stringify(figures),
      f.teamReport,
      conclusion.symbol,
      f.conclusion,
      counts('strength'),
      counts('limitation'),
      counts('shortcoming'),
      counts('violation'),
    ],
  );
  const id = rows[0]!.id;
  await tx.query(
    `INSERT INTO inspection_team (inspection_id, user_id, role) SELECT $1, u, r FROM unnest($2::bigint[], $3::text[]) AS t(u, r)`,
    [id, f.team.map((m) => m.userId), f.team.map((m) => m.role)],
  );
  await tx.query(`INSERT INTO inspection_sessions (inspection_id, held_on, place, minutes) VALUES ($1, $2::date + 30, $3, $4)`, [
    id,
    f.decisionDate,
    `Trụ sở ${subject.name}`,
    f.minutes,
  ]);
  for (const x of f.findings) {
    await tx.query(`INSERT INTO inspection_findings (inspection_id, kind, theme, text, item_ids) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      x.kind,
      x.theme,
      x.text,
      x.itemIds ?? [],
    ]);
  }
  // The conclusion was sent: each recommendation is a task of its owner, whose status is the progress.
  for (const [i, r] of f.recs.entries()) {
    const isDone = r.status === 'reported' || r.status === 'accepted';
    const { rows: task } = await tx.query<{ id: number }>(
      `INSERT INTO tasks (org_id, title, lead_org_id, due_date, status, progress)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        run.id,
        `Thực hiện kiến nghị theo Thông báo kết luận ${conclusion.symbol}: ${r.text}`,
        r.owner.id,
        r.deadline,
        isDone ? 'done' : 'not_started',
        isDone ? 100 : 0,
      ],
    );
    await tx.query(
      `INSERT INTO inspection_recommendations (inspection_id, position, text, owner_org_id, deadline, task_id, decision, evidence, reported_at, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN $5::date - 10 END, CASE WHEN $7 = 'accepted' THEN $5::date END)`,
      [id, i + 1, r.text, r.owner.id, r.deadline, task[0]!.id, r.status === 'accepted' ? 'accepted' : null, r.evidence ?? null, isDone],
    );
  }
  return id;
}

export async function loadDemoOversight(tx: pg.PoolClient, ctx: DemoContext) {
  const province = await org(tx, ctx, 'BD');
  const diAn = await org(tx, ctx, 'BD.DIAN');
  const bloc = await org(tx, ctx, 'BD.KHOI');
  const kcn = await org(tx, ctx, 'BD.KHOI.KCN-NTU');
  if (!province || !diAn || !bloc || !kcn) return;
  const { rows: docs } = await tx.query<{ id: number }>(
    `SELECT id FROM documents WHERE org_id = $1 AND kind = 'resolution' AND title LIKE 'Nghị quyết Đại hội%lần thứ XI%' ORDER BY version_no DESC LIMIT 1`,
    [province.id],
  );
  const xi = docs[0]?.id ?? null;
  const { rows: items } = await tx.query<{ id: number; code: string }>(
    `SELECT i.id, ind.code FROM document_items i JOIN indicators ind ON ind.id = i.indicator_id WHERE i.document_id = $1 AND ind.code IN ('GRDP_GROWTH','ENTERPRISES')`,
    [xi],
  );
  const target = (code: string) => items.filter((i) => i.code === code).map((i) => i.id);

  // The teams: staff of UBKT Tỉnh ủy and of UBKT Đảng ủy Khối (sample names).
  const [tinhHead, tinhMember, tinhSecretary, khoiHead, khoiSecretary] = [
    await sampleInspector(tx, province, 'mau.ubkt.tu.1', 'Nguyễn Văn Hải'),
    await sampleInspector(tx, province, 'mau.ubkt.tu.2', 'Lê Thị Thu Hà'),
    await sampleInspector(tx, province, 'mau.ubkt.tu.3', 'Trần Minh Tuấn'),
    await sampleInspector(tx, bloc, 'mau.ubkt.duk.1', 'Phạm Quốc Dũng'),
    await sampleInspector(tx, bloc, 'mau.ubkt.duk.2', 'Võ Thị Ngọc Ánh'),
  ];

  const p2021 = await program(
    tx,
    province,
    2021,
    'Chương trình kiểm tra, giám sát năm 2021 của Ủy ban Kiểm tra Tỉnh ủy (dữ liệu mẫu)',
    '2021-01-15',
  );
  await entry(tx, p2021, {
    kind: 'supervision',
    basis: 'thematic',
    content: 'Việc học tập, quán triệt và xây dựng chương trình hành động thực hiện Nghị quyết Đại hội XI',
    theme: 'Thực hiện Nghị quyết Đại hội',
    subjects: [diAn],
    documentIds: xi ? [xi] : [],
    start: '2021-05-01',
    end: '2021-06-30',
  });
  await entry(tx, p2021, {
    kind: 'inspection',
    basis: 'regular',
    content: 'Việc thực hiện nhiệm vụ kiểm tra, giám sát của cấp ủy và ủy ban kiểm tra',
    theme: 'Công tác kiểm tra, giám sát',
    subjects: [bloc],
    start: '2021-08-01',
    end: '2021-09-30',
  });

  const p2023 = await program(
    tx,
    province,
    2023,
    'Chương trình kiểm tra, giám sát năm 2023 của Ủy ban Kiểm tra Tỉnh ủy (dữ liệu mẫu)',
    '2023-01-12',
  );
  const e2023 = await entry(tx, p2023, {
    kind: 'supervision',
    basis: 'thematic',
    content: 'Việc lãnh đạo, chỉ đạo thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI',
    theme: 'Thực hiện Nghị quyết Đại hội',
    subjects: [diAn],
    documentIds: xi ? [xi] : [],
    itemIds: [...target('GRDP_GROWTH'), ...target('ENTERPRISES')],
    start: '2023-04-01',
    end: '2023-09-30',
  });
  await inspection(tx, province, diAn, {
    entryId: e2023,
    kind: 'supervision',
    basis: 'thematic',
    content: 'Việc lãnh đạo, chỉ đạo thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI',
    theme: 'Thực hiện Nghị quyết Đại hội',
    documentId: xi,
    start: '2023-04-01',
    end: '2023-09-30',
    decisionDate: '2023-03-20',
    plan: 'Đoàn nghiên cứu báo cáo tự kiểm tra, làm việc với Ban Thường vụ Thành ủy, kiểm tra hồ sơ, số liệu thực hiện các chỉ tiêu.\nThời gian làm việc trực tiếp: 10 ngày.',
    notice:
      'Ủy ban Kiểm tra Tỉnh ủy thông báo giám sát chuyên đề đối với Ban Thường vụ Thành ủy Dĩ An; đề nghị chuẩn bị báo cáo tự kiểm tra trước ngày 15/4/2023.',
    selfReport:
      'Ban Thường vụ Thành ủy Dĩ An báo cáo việc lãnh đạo, chỉ đạo thực hiện Nghị quyết; số liệu chỉ tiêu, nhiệm vụ, báo cáo định kỳ và học tập lấy từ hệ thống (dữ liệu mẫu).',
    minutes:
      'Đoàn làm việc với Ban Thường vụ Thành ủy; Thành ủy giải trình về tốc độ tăng trưởng và phát triển doanh nghiệp (dữ liệu mẫu).',
    teamReport:
      'Đoàn đề xuất kết luận: Thành ủy ban hành chương trình hành động kịp thời; hai chỉ tiêu kinh tế chậm so với lộ trình (dữ liệu mẫu).',
    findings: [
      {
        kind: 'strength',
        theme: 'Thực hiện Nghị quyết Đại hội',
        text: 'Ban hành chương trình hành động thực hiện Nghị quyết kịp thời, phân công rõ đơn vị chủ trì.',
      },
      {
        kind: 'limitation',
        theme: 'Phát triển kinh tế',
        text: 'Tốc độ tăng trưởng GRDP bình quân thấp hơn lộ trình của Nghị quyết.',
        itemIds: target('GRDP_GROWTH'),
      },
      {
        kind: 'shortcoming',
        theme: 'Phát triển doanh nghiệp',
        text: 'Số doanh nghiệp thành lập mới chậm so với lộ trình; giải pháp hỗ trợ doanh nghiệp chưa cụ thể.',
        itemIds: target('ENTERPRISES'),
      },
    ],
    conclusion:
      'Ban Thường vụ Thành ủy Dĩ An đã lãnh đạo, chỉ đạo triển khai Nghị quyết Đại hội XI nghiêm túc; tuy nhiên còn hạn chế về tăng trưởng kinh tế và phát triển doanh nghiệp (dữ liệu mẫu).',
    recs: [
      {
        text: 'Xây dựng kế hoạch khắc phục hạn chế về tăng trưởng kinh tế, báo cáo Ủy ban Kiểm tra Tỉnh ủy.',
        owner: diAn,
        deadline: '2023-12-31',
        status: 'accepted',
        evidence: 'Đã ban hành Kế hoạch khắc phục số 45-KH/ThU ngày 10/12/2023 (dữ liệu mẫu).',
      },
      {
        text: 'Bổ sung giải pháp hỗ trợ doanh nghiệp thành lập mới trong chương trình hành động.',
        owner: diAn,
        deadline: '2024-06-30',
        status: 'reported',
        evidence: 'Đã bổ sung 5 giải pháp vào chương trình hành động (dữ liệu mẫu).',
      },
      {
        text: 'Rà soát, điều chỉnh lộ trình các chỉ tiêu kinh tế đến năm 2025 và báo cáo kết quả.',
        owner: diAn,
        deadline: '2024-03-31',
        status: 'open',
      },
    ],
    status: 'follow_up',
    team: [
      { userId: tinhHead, role: 'head' },
      { userId: tinhMember, role: 'member' },
      { userId: tinhSecretary, role: 'secretary' },
    ],
  });

  const pBloc = await program(
    tx,
    bloc,
    2023,
    'Chương trình kiểm tra, giám sát năm 2023 của Ủy ban Kiểm tra Đảng ủy Khối (dữ liệu mẫu)',
    '2023-01-10',
  );
  const eBloc = await entry(tx, pBloc, {
    kind: 'inspection',
    basis: 'regular',
    content: 'Việc thực hiện quy trình kết nạp đảng viên',
    theme: 'Kết nạp đảng viên',
    subjects: [kcn],
    start: '2023-06-01',
    end: '2023-07-31',
  });
  await inspection(tx, bloc, kcn, {
    entryId: eBloc,
    kind: 'inspection',
    basis: 'regular',
    content: 'Việc thực hiện quy trình kết nạp đảng viên',
    theme: 'Kết nạp đảng viên',
    documentId: null,
    start: '2023-06-01',
    end: '2023-07-31',
    decisionDate: '2023-05-20',
    plan: 'Kiểm tra hồ sơ kết nạp đảng viên năm 2022 và 6 tháng đầu năm 2023; làm việc với cấp ủy.',
    notice: 'Thông báo kiểm tra việc kết nạp đảng viên (dữ liệu mẫu).',
    selfReport: 'Đảng bộ báo cáo kết quả kết nạp đảng viên trong doanh nghiệp ngoài khu vực Nhà nước (dữ liệu mẫu).',
    minutes: 'Đoàn kiểm tra 24 hồ sơ kết nạp (dữ liệu mẫu).',
    teamReport: 'Hồ sơ cơ bản đúng quy trình; 3 hồ sơ thiếu nhận xét của đoàn thể (dữ liệu mẫu).',
    findings: [
      { kind: 'strength', theme: 'Kết nạp đảng viên', text: 'Quan tâm phát triển đảng viên trong doanh nghiệp ngoài khu vực Nhà nước.' },
      {
        kind: 'limitation',
        theme: 'Kết nạp đảng viên',
        text: 'Một số hồ sơ kết nạp thiếu nhận xét của tổ chức đoàn thể nơi quần chúng sinh hoạt.',
      },
    ],
    conclusion: 'Đảng bộ thực hiện cơ bản đúng quy trình kết nạp đảng viên; cần hoàn thiện hồ sơ còn thiếu (dữ liệu mẫu).',
    recs: [
      {
        text: 'Bổ sung nhận xét của đoàn thể vào 3 hồ sơ kết nạp.',
        owner: kcn,
        deadline: '2023-10-31',
        status: 'accepted',
        evidence: 'Đã bổ sung đủ 3 hồ sơ (dữ liệu mẫu).',
      },
    ],
    status: 'closed',
    team: [
      { userId: khoiHead, role: 'head' },
      { userId: khoiSecretary, role: 'secretary' },
    ],
  });
  await coverageTarget(tx, bloc);
  ctx.log('Dữ liệu mẫu: chương trình, cuộc kiểm tra, giám sát và kết luận (dữ liệu mẫu).');
}

/**
 * The Bloc's resolution gets the target its inspection commission answers for, on the
 * ORG_OVERSIGHT_RATE indicator: its actual values come from the conclusions above, by themselves.
 */
async function coverageTarget(tx: pg.PoolClient, bloc: Org) {
  const { rows } = await tx.query<{ documentId: number; partId: number }>(
    `SELECT d.id AS "documentId", p.id AS "partId" FROM documents d JOIN document_items p ON p.document_id = d.id AND p.kind = 'part' AND p.text = 'Các chỉ tiêu'
      WHERE d.org_id = $1 AND d.kind = 'resolution' ORDER BY d.version_no DESC LIMIT 1`,
    [bloc.id],
  );
  const found = rows[0];
  if (!found) return;
  await tx.query(
    `INSERT INTO document_items (document_id, parent_item_id, kind, position, text, indicator_id, comparator, value, unit, by_year)
     SELECT $1, $2, 'target', (SELECT COALESCE(max(position), 0) + 1 FROM document_items WHERE parent_item_id = $2),
            'Trong nhiệm kỳ, 100% tổ chức đảng trực thuộc được kiểm tra, giám sát (dữ liệu mẫu)', i.id, '=', 100, '%', 2025
       FROM indicators i WHERE i.code = 'ORG_OVERSIGHT_RATE'`,
    [found.documentId, found.partId],
  );
}
