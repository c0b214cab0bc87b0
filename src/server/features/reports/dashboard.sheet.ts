import type { Db } from '../../db/pool';
import { formatVnDate } from '../../../domain/vn-time';
import { parsePeriodKey, periodLabel, TARGET_STATUS_LABELS } from '../../../domain/targets';
import { termYears } from './reports.service';
import type { Actor } from '../../lib/actor';
import { buildSheet } from '../../lib/xlsx';
import { getDashboard } from './dashboard.service';
import type { TreeBasis } from './dashboard-tree';

/** The dashboard's target table as .xlsx; cells go through safeCell (formula injection). */
export async function exportDashboardSheet(
  db: Db,
  actor: Actor,
  documentId: number,
  q: { orgId?: number; asOf?: string; periodKey?: string; tree?: TreeBasis },
) {
  const d = await getDashboard(db, actor, documentId, q);
  const rows = d.targets.map((t, i) => ({
    no: i + 1,
    text: t.text,
    indicator: t.indicatorName ?? '',
    goal: t.statement ?? '',
    // A figure the combining rules refuse is written as such, its reason in "Lý do".
    latest: t.notCombinable ? 'Không cộng gộp được' : t.latest,
    period: t.latestPeriod ? periodLabel(parsePeriodKey(t.latestPeriod, termYears(d.document.term))) : '',
    unit: t.unit,
    status: TARGET_STATUS_LABELS.vi[t.status],
    reason: t.reason,
    explanations: t.openExplanations,
  }));
  const buffer = await buildSheet(
    'Chỉ tiêu',
    [
      { header: 'STT', key: 'no', width: 6 },
      { header: 'Chỉ tiêu', key: 'text', width: 60 },
      { header: 'Chỉ số', key: 'indicator', width: 36 },
      // The goal as the resolution worded it (≥ "ít nhất" and > "trên" are different promises).
      { header: 'Mục tiêu', key: 'goal', width: 22 },
      { header: 'Giá trị mới nhất', key: 'latest', width: 16 },
      { header: 'Kỳ', key: 'period', width: 14 },
      { header: 'Đơn vị tính', key: 'unit', width: 14 },
      { header: 'Đánh giá', key: 'status', width: 20 },
      { header: 'Lý do', key: 'reason', width: 70 },
      { header: 'Giải trình đang mở', key: 'explanations', width: 12 },
    ],
    rows,
    // Which tree the figures use, as the dashboard says it.
    [`${d.tree.label.vi}; số liệu đến ngày ${formatVnDate(d.asOf)}.`],
  );
  return { buffer, fileName: `Bang-dieu-khien-${d.document.symbol}-${d.org.name}-${d.asOf}.xlsx` };
}
