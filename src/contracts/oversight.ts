import { z } from 'zod';
import { queryId, queryInt } from './query-params';
import { FINDING_KINDS, OVERSIGHT_BASES, OVERSIGHT_KINDS, OVERSIGHT_STATUSES, RESPONSIBLE_BODIES, TEAM_ROLES } from '../domain/oversight';

const id = queryId();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
const text = (max: number, label: string) =>
  z.string().trim().min(1, `${label} không được để trống`).max(max, `${label} dài quá ${max} ký tự`);
const ids = z.array(z.number().int().positive()).max(500).default([]);
const version = z.number().int().positive();

export const idParams = z.object({ id });
export const orgParams = z.object({ orgId: id });

export const listProgramsQuery = z.object({ orgId: id.optional(), year: queryInt({ min: 2000, max: 2100 }).optional() });

export const createProgramSchema = z.object({
  orgId: z.number().int().positive(),
  body: z.enum(['committee', 'inspection_commission']),
  year: z.number().int().min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
  title: text(500, 'Tên chương trình'),
  issueDate: isoDate.optional(),
});
export type CreateProgramInput = z.infer<typeof createProgramSchema>;

export const createEntrySchema = z
  .object({
    version,
    kind: z.enum(OVERSIGHT_KINDS),
    basis: z.enum(OVERSIGHT_BASES),
    content: text(5000, 'Nội dung'),
    theme: text(200, 'Chủ đề'),
    subjectOrgIds: ids,
    subjectMemberIds: ids,
    documentIds: ids,
    itemIds: ids,
    taskIds: ids,
    periodStart: isoDate,
    periodEnd: isoDate,
    responsibleBody: z.enum(RESPONSIBLE_BODIES),
  })
  .refine((v) => v.subjectOrgIds.length + v.subjectMemberIds.length > 0, {
    message: 'Cần chọn ít nhất một đối tượng (tổ chức hoặc đảng viên)',
    path: ['subjectOrgIds'],
  })
  .refine((v) => v.periodEnd >= v.periodStart, { message: 'Thời gian kết thúc phải sau thời gian bắt đầu', path: ['periodEnd'] });
export type CreateEntryInput = z.infer<typeof createEntrySchema>;

export const createInspectionSchema = z
  .object({
    orgId: z.number().int().positive(),
    entryId: z.number().int().positive().optional(),
    kind: z.enum(OVERSIGHT_KINDS),
    basis: z.enum(OVERSIGHT_BASES),
    responsibleBody: z.enum(RESPONSIBLE_BODIES).default('inspection_commission'),
    subjectOrgId: z.number().int().positive(),
    subjectMemberId: z.number().int().positive().optional(),
    content: text(5000, 'Nội dung'),
    theme: text(200, 'Chủ đề'),
    documentId: z.number().int().positive().optional(),
    periodStart: isoDate,
    periodEnd: isoDate,
  })
  .refine((v) => v.periodEnd >= v.periodStart, { message: 'Thời gian kết thúc phải sau thời gian bắt đầu', path: ['periodEnd'] });
export type CreateInspectionInput = z.infer<typeof createInspectionSchema>;

export const listInspectionsQuery = z.object({
  orgId: id.optional(),
  subjectOrgId: id.optional(),
  year: queryInt({ min: 2000, max: 2100 }).optional(),
});

export const formTeamSchema = z.object({
  version,
  decisionDate: isoDate,
  team: z
    .array(z.object({ userId: z.number().int().positive(), role: z.enum(TEAM_ROLES) }))
    .min(2, 'Đoàn cần ít nhất trưởng đoàn và thư ký')
    .max(15),
});
export type FormTeamInput = z.infer<typeof formTeamSchema>;

export const noticeSchema = z.object({ version, planText: text(20_000, 'Kế hoạch'), noticeText: text(20_000, 'Thông báo') });
export const selfReportSchema = z.object({ version, text: text(50_000, 'Báo cáo tự kiểm tra') });
export const sessionSchema = z.object({ version, heldOn: isoDate, place: text(300, 'Địa điểm'), minutes: text(50_000, 'Biên bản') });
export const teamReportSchema = z.object({ version, text: text(50_000, 'Báo cáo của đoàn') });
export const findingSchema = z.object({
  version,
  kind: z.enum(FINDING_KINDS),
  theme: text(200, 'Chủ đề'),
  text: text(10_000, 'Nội dung nhận xét'),
  itemIds: ids,
  taskIds: ids,
  reportIds: ids,
  memberIds: ids,
});
export type FindingInput = z.infer<typeof findingSchema>;
/** What a conclusion asks of the subject: a recommendation (kiến nghị) or a requirement (yêu cầu). */
export const RECOMMENDATION_KINDS = ['recommendation', 'requirement'] as const;
export const conclusionSchema = z.object({
  version,
  text: text(50_000, 'Nội dung kết luận'),
  /** Recommendations (kiến nghị) and requirements (yêu cầu), each with an owner and a deadline. */
  recommendations: z
    .array(
      z.object({
        kind: z.enum(RECOMMENDATION_KINDS).default('recommendation'),
        text: text(5000, 'Kiến nghị'),
        ownerOrgId: z.number().int().positive(),
        deadline: isoDate,
      }),
    )
    .max(100)
    .default([]),
});
export type ConclusionInput = z.infer<typeof conclusionSchema>;
export const versionSchema = z.object({ version });
export const reportDoneSchema = z.object({ version, evidence: text(20_000, 'Kết quả thực hiện và minh chứng') });
export const decideSchema = z.object({ version, note: z.string().trim().max(5000).optional() });

export const dashboardQuery = z.object({ orgId: id.optional(), year: queryInt({ min: 2000, max: 2100 }).optional() });

// Answers: what each route responds (the serializer checks every answer against them).
/** The figures a subject's self-report starts from (and keeps once sent). */
export const figuresSchema = z.object({
  asOf: z.string(),
  documentSymbol: z.string().nullable(),
  targets: z
    .object({
      total: z.number(),
      achieved: z.number(),
      onTrack: z.number(),
      atRisk: z.number(),
      offTrack: z.number(),
      notAssessable: z.number(),
    })
    .nullable(),
  offTrackTargets: z.array(z.object({ itemId: z.number(), text: z.string(), status: z.string() })),
  tasks: z.object({ led: z.number(), overdue: z.number() }),
  reports: z.object({ periodKey: z.string().nullable(), expected: z.number(), submitted: z.number(), approved: z.number() }).nullable(),
  study: z.object({ studied: z.number(), members: z.number(), percent: z.number() }).nullable(),
  openExplanations: z.number(),
});
/** One record a link picker offers or shows: what it is and where it comes from. */
const linkOptionSchema = z.object({ id: z.number(), label: z.string(), detail: z.string().nullable() });
export const programEntrySchema = z.object({
  id: z.number(),
  version: z.number(),
  position: z.number(),
  kind: z.enum(OVERSIGHT_KINDS),
  basis: z.enum(OVERSIGHT_BASES),
  content: z.string(),
  theme: z.string(),
  subjectOrgIds: z.array(z.number()),
  subjectMemberIds: z.array(z.number()),
  documentIds: z.array(z.number()),
  itemIds: z.array(z.number()),
  taskIds: z.array(z.number()),
  periodStart: z.string(),
  periodEnd: z.string(),
  responsibleBody: z.string(),
  subjectOrgNames: z.array(z.string()).nullable(),
  subjectMemberNames: z.array(z.string()).nullable(),
  documentSymbols: z.array(z.string()).nullable(),
  inspectionCount: z.number(),
  /** The linked records as the link pickers show them, so that an edit starts from words, not numbers. */
  links: z.object({
    member: z.array(linkOptionSchema),
    document: z.array(linkOptionSchema),
    item: z.array(linkOptionSchema),
    task: z.array(linkOptionSchema),
  }),
});
export const findingViewSchema = z.object({
  id: z.number(),
  version: z.number(),
  kind: z.enum(FINDING_KINDS),
  theme: z.string(),
  text: z.string(),
  itemIds: z.array(z.number()),
  taskIds: z.array(z.number()),
  reportIds: z.array(z.number()),
  memberIds: z.array(z.number()),
  itemTexts: z.array(z.string()).nullable(),
  taskTitles: z.array(z.string()).nullable(),
  reportLabels: z.array(z.string()).nullable(),
  memberNames: z.array(z.string()).nullable(),
});
/** A yearly inspection and supervision program (chương trình kiểm tra, giám sát). */
export const programSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgPath: z.string(),
  body: z.enum(['committee', 'inspection_commission']),
  year: z.number(),
  number: z.number(),
  symbol: z.string(),
  title: z.string(),
  issueDate: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
});
/** GET /oversight/programs */
export const programsResponse = z.array(programSchema.extend({ entryCount: z.number() }));
/** POST /oversight/programs */
export const programResponse = programSchema.extend({ entries: z.array(programEntrySchema) });
/** An inspection or supervision file as lists show it. */
export const inspectionSummarySchema = z.object({
  id: z.number(),
  kind: z.enum(OVERSIGHT_KINDS),
  basis: z.enum(OVERSIGHT_BASES),
  orgName: z.string(),
  subjectOrgId: z.number(),
  subjectOrgName: z.string(),
  subjectMemberName: z.string().nullable(),
  content: z.string(),
  theme: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  year: z.number(),
  status: z.enum(OVERSIGHT_STATUSES),
  statusLabel: z.string(),
  isSample: z.boolean(),
});
/** GET /oversight/inspections */
export const inspectionPageResponse = z.array(inspectionSummarySchema);
export const evidenceFileSchema = z.object({
  id: z.number(),
  part: z.enum(['finding', 'self_report', 'follow_up']),
  findingId: z.number().nullable(),
  recommendationId: z.number().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  createdAt: z.union([z.string(), z.date()]),
});
/** POST /oversight/inspections */
export const inspectionResponse = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  entryId: z.number().nullable(),
  kind: z.enum(OVERSIGHT_KINDS),
  basis: z.enum(OVERSIGHT_BASES),
  responsibleBody: z.string(),
  subjectOrgId: z.number(),
  subjectOrgName: z.string(),
  subjectMemberId: z.number().nullable(),
  subjectMemberName: z.string().nullable(),
  content: z.string(),
  theme: z.string(),
  documentId: z.number().nullable(),
  documentSymbol: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  year: z.number(),
  status: z.enum([
    'closed',
    'planned',
    'team_formed',
    'notified',
    'self_reported',
    'sessions',
    'team_reported',
    'findings',
    'concluded',
    'follow_up',
  ]),
  statusLabel: z.string(),
  isSample: z.boolean(),
  version: z.number(),
  audience: z.enum(['none', 'commission', 'team', 'supervisor', 'subject', 'owner']),
  parts: z.array(z.enum(['plan', 'conclusion', 'sessions', 'findings', 'team', 'notice', 'self_report', 'team_report', 'recommendations'])),
  decision: z.object({ symbol: z.string().nullable(), date: z.string().nullable() }).nullable(),
  team: z.array(z.object({ userId: z.number(), fullName: z.string(), role: z.enum(TEAM_ROLES) })),
  plan: z.object({ symbol: z.string().nullable(), text: z.string().nullable() }).nullable(),
  notice: z.object({ text: z.string().nullable(), sentAt: z.string().nullable() }).nullable(),
  selfReport: z.object({ text: z.string().nullable(), figures: figuresSchema.nullable(), sentAt: z.string().nullable() }).nullable(),
  findings: z.array(findingViewSchema),
  conclusion: z
    .object({ symbol: z.string().nullable(), text: z.string(), concludedAt: z.string().nullable(), sentAt: z.string().nullable() })
    .nullable(),
  recommendations: z.array(
    z.object({
      view: z.enum(['overdue', 'open', 'reported', 'accepted', 'reopened']),
      id: z.number(),
      inspectionId: z.number(),
      position: z.number(),
      kind: z.enum(RECOMMENDATION_KINDS),
      text: z.string(),
      ownerOrgId: z.number(),
      ownerOrgName: z.string(),
      ownerPath: z.string(),
      deadline: z.string(),
      status: z.enum(['open', 'reported', 'accepted', 'reopened']),
      evidence: z.string().nullable(),
      reportedAt: z.string().nullable(),
      decidedNote: z.string().nullable(),
      decidedAt: z.string().nullable(),
      version: z.number(),
      taskId: z.number().nullable(),
      taskStatus: z.string().nullable(),
      /** The reader reports this one done (and attaches its evidence) in the page. */
      canReport: z.boolean(),
    }),
  ),
  evidence: z.array(evidenceFileSchema),
  counts: z.object({ findings: z.number(), recommendations: z.number(), openRecommendations: z.number() }),
  earlier: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      theme: z.string(),
      content: z.string(),
      periodStart: z.string(),
      status: z.string(),
      conclusionSymbol: z.string().nullable(),
      recommendations: z.number(),
      accepted: z.number(),
    }),
  ),
  abilities: z.object({
    actions: z.array(
      z.enum([
        'close',
        'form_team',
        'send_notice',
        'submit_self_report',
        'record_session',
        'submit_team_report',
        'record_finding',
        'conclude',
        'send_conclusion',
      ]),
    ),
    commission: z.boolean(),
    team: z.boolean(),
    subject: z.boolean(),
  }),
});
/** GET /oversight/inspections/:id/notes */
export const inspectionNotesResponse = z.object({
  sessions: z.array(
    z.object({ id: z.number(), heldOn: z.string(), place: z.string(), minutes: z.string(), createdByName: z.string().nullable() }),
  ),
  teamReport: z.string().nullable(),
  findings: z.array(findingViewSchema),
});
/** GET /oversight/inspections/:id/self-report-draft */
export const selfReportDraftResponse = figuresSchema;
/** GET /oversight/inspections/:id/team-candidates */
export const teamCandidatesResponse = z.array(z.object({ userId: z.number(), fullName: z.string(), orgName: z.string() }));
/** POST /oversight/escalations */
export const escalationsResponse = z.object({ escalated: z.number() });
/** GET /oversight/dashboard */
export const oversightDashboardResponse = z.object({
  org: z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable() }),
  year: z.number(),
  term: z.string(),
  asOf: z.string(),
  coverageYear: z.object({ percent: z.number(), covered: z.number(), orgs: z.number() }),
  coverageTerm: z.object({ percent: z.number(), covered: z.number(), orgs: z.number() }),
  byKind: z.record(z.enum(OVERSIGHT_KINDS), z.object({ concluded: z.number(), ongoing: z.number() })),
  findingsByKind: z.object({ strength: z.number(), limitation: z.number(), shortcoming: z.number(), violation: z.number() }),
  findingsByTheme: z.array(
    z.object({
      strength: z.number(),
      limitation: z.number(),
      shortcoming: z.number(),
      violation: z.number(),
      theme: z.string(),
      files: z.number(),
    }),
  ),
  overdue: z.object({
    count: z.number(),
    items: z.array(
      z.object({
        id: z.number(),
        inspectionId: z.number(),
        text: z.string(),
        deadline: z.string(),
        ownerOrgName: z.string(),
        subjectOrgName: z.string(),
      }),
    ),
  }),
  children: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      orgs: z.number(),
      coveredYear: z.number(),
      coveredTerm: z.number(),
      percentYear: z.number(),
      overdue: z.number(),
    }),
  ),
});
/** GET /oversight/orgs/:orgId/timeline */
export const orgTimelineResponse = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  items: z.array(
    inspectionSummarySchema.extend({
      recommendations: z.object({ inspectionId: z.number(), total: z.number(), accepted: z.number(), overdue: z.number() }).nullable(),
    }),
  ),
});

/** Multipart text fields arrive as strings: an id is digits. */
const fieldId = z
  .string()
  .regex(/^\d{1,15}$/, 'Mã không hợp lệ')
  .transform(Number)
  .optional();
/** The fields sent with an evidence file (multipart): which part of the file it is evidence of. */
export const evidenceFieldsSchema = z
  .object({
    part: z.enum(['finding', 'self_report', 'follow_up'], { message: 'Chọn minh chứng cho nhận xét, báo cáo tự kiểm tra hoặc kiến nghị' }),
    findingId: fieldId,
    recommendationId: fieldId,
  })
  .refine((v) => v.part !== 'finding' || v.findingId !== undefined, { message: 'Chọn nhận xét', path: ['findingId'] })
  .refine((v) => v.part !== 'follow_up' || v.recommendationId !== undefined, { message: 'Chọn kiến nghị', path: ['recommendationId'] });
export type EvidenceFields = z.infer<typeof evidenceFieldsSchema>;
export const fileParams = z.object({ id, fileId: id });

/** An edit of a program entry: the version read, and only the fields that change. */
export const updateEntrySchema = z.object({
  version,
  kind: z.enum(OVERSIGHT_KINDS).optional(),
  basis: z.enum(OVERSIGHT_BASES).optional(),
  content: text(5000, 'Nội dung').optional(),
  theme: text(200, 'Chủ đề').optional(),
  subjectOrgIds: z.array(z.number().int().positive()).max(500).optional(),
  subjectMemberIds: z.array(z.number().int().positive()).max(500).optional(),
  documentIds: z.array(z.number().int().positive()).max(500).optional(),
  itemIds: z.array(z.number().int().positive()).max(500).optional(),
  taskIds: z.array(z.number().int().positive()).max(500).optional(),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
  responsibleBody: z.enum(RESPONSIBLE_BODIES).optional(),
});
export type UpdateEntryInput = z.infer<typeof updateEntrySchema>;

/** An edit of a draft finding: the version read, and only the fields that change. */
export const updateFindingSchema = z.object({
  version,
  kind: z.enum(FINDING_KINDS).optional(),
  theme: text(200, 'Chủ đề').optional(),
  text: text(10_000, 'Nội dung nhận xét').optional(),
  itemIds: z.array(z.number().int().positive()).max(500).optional(),
  taskIds: z.array(z.number().int().positive()).max(500).optional(),
  reportIds: z.array(z.number().int().positive()).max(500).optional(),
  memberIds: z.array(z.number().int().positive()).max(500).optional(),
});
export type UpdateFindingInput = z.infer<typeof updateFindingSchema>;

const loose = z.record(z.string(), z.unknown());
/** A program as the routes answer it (its fields are the service's; the entries listed). */
export const programResponseSchema = loose.and(z.object({ id: z.number(), version: z.number(), entries: z.array(loose) }));
/** An inspection file as the caller may see it (parts outside the audience are null or empty). */
export const inspectionResponseSchema = loose.and(
  z.object({ id: z.number(), version: z.number(), status: z.string(), audience: z.string() }),
);
export const myInspectionsResponseSchema = z.array(inspectionResponseSchema);

/** What a link picker searches: target items, tasks, reports, members, documents. */
export const LINK_KINDS = ['item', 'task', 'report', 'member', 'document'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
const search = z.string().trim().max(200, 'Từ khóa dài quá 200 ký tự').optional();
/** GET /oversight/inspections/:id/link-options: what a finding may name, inside the subject's subtree. */
export const findingLinkOptionsQuery = z.object({ kind: z.enum(['item', 'task', 'report', 'member']), q: search });
/** GET /oversight/programs/:id/link-options: what an entry may name, inside the chosen subject's subtree. */
export const entryLinkOptionsQuery = z.object({
  kind: z.enum(['item', 'task', 'member', 'document']),
  subjectOrgId: id.optional(),
  q: search,
});
/** One choice of a link picker: its id, what it says and where it comes from. */
export const linkOptionsResponse = z.array(linkOptionSchema);
export type LinkOption = z.infer<typeof linkOptionsResponse>[number];
