/**
 * The Word files of a consultation, in the Party's document format (Hướng dẫn 36-HD/VPTW):
 * the draft sent for comments (a version as issued, "DỰ THẢO lần n" above the header, with
 * line numbers on request so that a comment can cite "dòng 45"), and the synthesis report
 * (báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý) listing every sent comment grouped by
 * item, who made it and how the editorial group disposed of it.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineNumberRestartFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Queryable } from '../../db/pool';
import { documentKindAbbreviations, documentKindLabels, issuerAbbreviation, type DocumentKind } from '../../../domain/documents';
import type { OrgKind } from '../../../domain/orgs/org-kinds';
import { commenterOf, dispositionLabels, outlineVersion, synthesisCounts, type VersionItem } from '../../../domain/consultation';
import { formatVnNumber } from '../../../domain/vn-number';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import type { Actor } from '../../lib/actor';
import { forbidden } from '../../lib/errors';
import { columnWidths, FONT, MM, partyHeader, partyPage, reportNumberLine, type HeaderOrg } from '../../lib/party-docx';
import { openConsultation, type Access } from './consultation-access';
import { byReadingOrder, itemLabels } from './comments.service';
import { findRounds, findSynthesisComments, findVersionItems, type SynthesisRow } from './consultation.queries';
import { spliceBody } from './docx-splice';
import { paragraphXml, tableXml, type XmlRow } from './synthesis-xml';
import { versionAccess } from './consultation.service';

const SIZE = 28; // half-points: 14 pt body text
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
type Run = { text: string; bold?: boolean; italics?: boolean; size?: number };

const para = (runs: Run[], o: { align?: Align; before?: number; after?: number; firstLine?: number; noLineNumbers?: boolean } = {}) =>
  new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 120, line: 300 },
    indent: o.firstLine ? { firstLine: o.firstLine } : undefined,
    suppressLineNumbers: o.noLineNumbers,
    children: runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italics, size: r.size ?? SIZE, font: FONT })),
  });
const centred = (runs: Run[], after = 0, before = 0) => para(runs, { align: AlignmentType.CENTER, after, before, noLineNumbers: true });
const upper = (s: string) => s.toLocaleUpperCase('vi');

async function ancestorsOf(db: Queryable, orgPath: string): Promise<HeaderOrg[]> {
  const { rows } = await db.query<HeaderOrg>('SELECT a.name, a.kind FROM orgs a WHERE a.path @> $1::ltree ORDER BY nlevel(a.path)', [
    orgPath,
  ]);
  return rows;
}

/** A draft has no number yet: "Số      -CTr/TU", the number left for the office to fill in. */
function draftNumberLine(kind: string, issuer: HeaderOrg | undefined): string {
  const kindPart = documentKindAbbreviations[kind as DocumentKind] ?? '';
  return `Số      -${kindPart}/${issuer ? issuerAbbreviation(issuer.kind as OrgKind, issuer.name) : ''}`;
}

const kindLabel = (kind: string) => documentKindLabels[kind as DocumentKind]?.vi ?? 'Văn bản';
/** "Chương trình hành động thực hiện …" already names its kind; a bare title takes it in front. */
const titleWithKind = (kind: string, title: string) =>
  title.toLocaleLowerCase('vi').startsWith(kindLabel(kind).toLocaleLowerCase('vi')) ? title : `${kindLabel(kind)} ${title}`;

/** A target's value as the draft states it: "9", "8,5–8,7", with its unit. */
function valueOf(i: VersionItem): string {
  const unit = i.unit ? ` ${i.unit}` : '';
  if (i.valueMin !== null && i.valueMax !== null) return `${formatVnNumber(i.valueMin)}–${formatVnNumber(i.valueMax)}${unit}`;
  return i.value === null ? '' : `${formatVnNumber(i.value)}${unit}`;
}

/**
 * The draft as issued in one version, for readers to comment on: the version's own items
 * (never the draft as it stands), so that what was sent is what is printed.
 */
export async function exportDraftDocx(db: Queryable, actor: Actor, versionId: number, opts: { lineNumbers: boolean }) {
  const access = await versionAccess(db, actor, versionId);
  const { rows } = await db.query<{ versionNo: number; note: string | null }>(
    'SELECT version_no AS "versionNo", note FROM consultation_versions WHERE id = $1',
    [versionId],
  );
  const version = rows[0]!;
  const doc = access.doc;
  const items = outlineVersion(await findVersionItems(db, versionId));
  const ancestors = await ancestorsOf(db, doc.orgPath);
  const body: (Paragraph | Table)[] = [
    para([{ text: `DỰ THẢO lần ${version.versionNo}`, bold: true, size: 26 }], { align: AlignmentType.RIGHT, noLineNumbers: true }),
    partyHeader({
      ancestors,
      issuerName: ancestors.at(-1)?.name ?? doc.orgName,
      number: draftNumberLine(doc.kind, ancestors.at(-1)),
      date: null,
    }),
    centred([{ text: upper(kindLabel(doc.kind)), bold: true, size: 30 }], 60, 360),
    centred([{ text: doc.title, bold: true }], 60),
    centred([{ text: '-----' }], 240),
  ];
  for (const item of items) {
    const isHeading = item.kind === 'part' || item.kind === 'section';
    const text = item.kind === 'part' ? upper(item.text) : item.text;
    const value =
      item.kind === 'target' && valueOf(item) && !item.text.includes(formatVnNumber(item.value ?? NaN)) ? ` (${valueOf(item)})` : '';
    body.push(
      para([{ text: `${item.outline ? `${item.outline} ` : ''}${text}${value}`, bold: isHeading || item.kind === 'breakthrough' }], {
        firstLine: 10 * MM,
        before: isHeading ? 120 : 0,
      }),
    );
  }
  body.push(
    para(
      [
        {
          text: `Dự thảo lần ${version.versionNo}${version.note ? ` — ${version.note}` : ''}. Góp ý xin gửi về Tổ biên tập.`,
          italics: true,
          size: 24,
        },
      ],
      {
        before: 240,
        noLineNumbers: true,
      },
    ),
  );
  const document = new Document({
    creator: 'Resolute',
    title: `Dự thảo lần ${version.versionNo}: ${doc.title}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          ...partyPage,
          ...(opts.lineNumbers ? { lineNumbers: { countBy: 1, restart: LineNumberRestartFormat.CONTINUOUS, distance: 4 * MM } } : {}),
        },
        children: body,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  return { buffer, fileName: `du-thao-lan-${version.versionNo}-${doc.id}.docx` };
}

/**
 * The synthesis report is the group's (and the issuing org's leadership's); recipients read it
 * once the group publishes the synthesis, as they then read every comment.
 */
async function requireSynthesisReader(db: Queryable, access: Access) {
  if (access.role !== null || access.canManage) return;
  const { rows } = await db.query('SELECT 1 FROM consultation_documents WHERE document_id = $1 AND synthesis_published_at IS NOT NULL', [
    access.doc.id,
  ]);
  if (rows.length === 0)
    throw forbidden({
      vi: 'Báo cáo tổng hợp ý kiến góp ý chỉ gửi tới các đơn vị sau khi Tổ biên tập công bố.',
      en: 'The synthesis is shared with recipients once the group publishes it.',
    });
}

const TABLE_COLUMNS = [6, 38, 22, 34];
/** Where the comment tables go in the report `docx` builds: replaced by their markup. */
const TABLES_MARKER = 'RESOLUTE-SYNTHESIS-TABLES';

type SynthesisGroup = { itemKey: string | null; label: string; ord: number | null; comments: SynthesisRow[] };

/** One item's comments as a table: TT, the comment (with the wording proposed), who, the disposition. */
function commentsTableXml(comments: readonly SynthesisRow[], start: number): string {
  const w = columnWidths(TABLE_COLUMNS);
  const head = (t: string): XmlRow[number] => ({ paragraphs: [[{ text: t, bold: true, size: 24 }]], align: 'center' });
  function* rows(): Generator<XmlRow> {
    let n = start;
    for (const c of comments) {
      const proposal = [
        ...(c.proposedText ? [`Đề nghị sửa thành: “${c.proposedText}”`] : []),
        ...(c.proposedValue !== null ? [`Đề nghị giá trị: ${formatVnNumber(c.proposedValue)}`] : []),
      ].join('; ');
      const disposition = c.disposition ? dispositionLabels[c.disposition] : 'Chưa xử lý';
      yield [
        { paragraphs: [[{ text: String(n), size: 24 }]], align: 'center' },
        {
          paragraphs: [[{ text: c.body, size: 24 }], ...(proposal ? [[{ text: proposal, italics: true, size: 24 }]] : [])],
          align: 'left',
        },
        { paragraphs: [[{ text: commenterOf(c), size: 24 }]], align: 'left' },
        {
          paragraphs: [
            [{ text: disposition, bold: true, size: 24 }, ...(c.dispositionReason ? [{ text: `: ${c.dispositionReason}`, size: 24 }] : [])],
          ],
          align: 'left',
        },
      ];
      n += 1;
    }
  }
  const header: XmlRow = [head('TT'), head('Nội dung góp ý'), head('Cơ quan, đơn vị, cá nhân góp ý'), head('Tiếp thu, giải trình')];
  return tableXml(w, header, rows());
}

/** The sent comments grouped by item, in the reading order of the latest version. */
async function synthesisGroups(db: Queryable, documentId: number): Promise<SynthesisGroup[]> {
  const comments = await findSynthesisComments(db, documentId);
  const byKey = new Map<string, SynthesisRow[]>();
  for (const c of comments) {
    const list = byKey.get(c.itemKey ?? '') ?? [];
    list.push(c);
    byKey.set(c.itemKey ?? '', list);
  }
  const labels = await itemLabels(
    db,
    documentId,
    [...byKey.keys()].filter((k) => k !== ''),
  );
  return byReadingOrder(
    [...byKey].map(([key, list]) => {
      const label = key === '' ? undefined : labels.get(key);
      return {
        itemKey: key === '' ? null : key,
        label:
          key === '' ? 'Ý kiến chung về dự thảo' : `${label?.text ?? ''}${(label?.isRemoved ?? true) ? ' (mục đã bỏ khỏi dự thảo)' : ''}`,
        ord: label?.ord ?? null,
        comments: list,
      };
    }),
  );
}

/** Every sent comment of the draft, grouped by item in the reading order of the latest version. */
export async function exportSynthesisDocx(db: Queryable, actor: Actor, documentId: number, today = vnToday()) {
  const access = await openConsultation(db, actor, documentId);
  await requireSynthesisReader(db, access);
  const doc = access.doc;
  const groups = await synthesisGroups(db, documentId);
  const counts = synthesisCounts(groups.flatMap((g) => g.comments));
  const [ancestors, { recipients }, { rows: versions }] = await Promise.all([
    ancestorsOf(db, doc.orgPath),
    findRounds(db, documentId),
    db.query<{ versionNo: number }>(
      'SELECT version_no AS "versionNo" FROM consultation_versions WHERE document_id = $1 ORDER BY version_no',
      [documentId],
    ),
  ]);
  const answered = recipients.filter((r) => r.answeredAt !== null).length;
  const issuer = ancestors.at(-1) ?? { name: doc.orgName, kind: 'province_committee' };
  const n = (x: number) => formatVnNumber(x);
  const body: (Paragraph | Table)[] = [
    partyHeader({ ancestors, issuerName: issuer.name, number: reportNumberLine(issuer), date: today }),
    centred([{ text: 'BÁO CÁO', bold: true, size: 30 }], 60, 360),
    centred([{ text: 'tổng hợp, tiếp thu, giải trình ý kiến góp ý', bold: true }], 0),
    centred([{ text: `dự thảo ${titleWithKind(doc.kind, doc.title)}`, bold: true }], 60),
    centred([{ text: '-----' }], 240),
    para(
      [
        {
          text:
            `Tổ biên tập đã phát hành ${n(versions.length)} lần dự thảo và gửi xin ý kiến ${n(recipients.length)} cơ quan, đơn vị, cá nhân; ` +
            `${n(answered)} nơi đã gửi ý kiến. Tổng hợp được ${n(counts.comments)} ý kiến góp ý: ${n(counts.written)} ý kiến bằng văn bản ` +
            `(${n(counts.orgs)} cơ quan, đơn vị và ${n(counts.people)} cá nhân) và ${n(counts.conference)} ý kiến phát biểu tại hội nghị ` +
            `(${n(counts.speakers)} đại biểu).`,
        },
      ],
      { firstLine: 10 * MM },
    ),
    para(
      [
        {
          text:
            `Tổ biên tập đã tiếp thu ${n(counts.accepted)} ý kiến, giải trình ${n(counts.explained)} ý kiến, không tiếp thu ${n(counts.rejected)} ý kiến` +
            (counts.undisposed > 0 ? `; còn ${n(counts.undisposed)} ý kiến chưa xử lý.` : '.') +
            ' Cụ thể theo từng nội dung của dự thảo như sau:',
        },
      ],
      { firstLine: 10 * MM },
    ),
  ];
  // Written one item at a time as the Word file is zipped, never as one string.
  function* tables() {
    let count = 1;
    for (const [n, g] of groups.entries()) {
      yield paragraphXml([{ text: `${n + 1}. ${g.label}`, bold: true, size: SIZE }], { align: 'both', before: 120, after: 60 });
      yield commentsTableXml(g.comments, count);
      count += g.comments.length;
    }
  }
  body.push(para([{ text: TABLES_MARKER }]));
  body.push(
    para([{ text: 'Trên đây là báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý của Tổ biên tập.' }], {
      firstLine: 10 * MM,
      before: 240,
    }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: [
        new TableRow({
          children: [
            new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: [para([{ text: '' }])] }),
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              children: [centred([{ text: 'T/M TỔ BIÊN TẬP', bold: true }]), centred([{ text: 'TỔ TRƯỞNG', bold: true }], 1200)],
            }),
          ],
        }),
      ],
    }),
  );
  const document = new Document({
    creator: 'Resolute',
    title: `Báo cáo tổng hợp ý kiến góp ý: ${doc.title}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: partyPage, children: body }],
  });
  const buffer = await spliceBody(await Packer.toBuffer(document), TABLES_MARKER, tables());
  return { buffer, fileName: `tong-hop-gop-y-${doc.id}.docx`, comments: counts.comments, date: formatVnDate(today) };
}

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
