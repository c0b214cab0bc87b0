import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { Dashboard } from './dashboard.api';
import { formatNumber, useReportsT } from '../reports/reports.i18n';

type Child = Dashboard['children'][number];

/** Share of overdue tasks → a colour from green (none) through amber to deep red (half or more). */
function heatColor(c: Child): string {
  if (c.tasks.total === 0) return '#d9d9d9';
  const share = Math.min(1, c.tasks.overdue / c.tasks.total / 0.5);
  if (share === 0) return '#52c41a';
  const from = [250, 173, 20],
    to = [168, 7, 26];
  const mix = from.map((f, i) => Math.round(f + (to[i]! - f) * share));
  return `rgb(${mix.join(',')})`;
}

/** The orgs one level down as tiles sized by their tasks and coloured by overdue share; a click drills down. */
export function OrgHeatMap({ items, selfId, onPick }: { items: Child[]; selfId: number; onPick: (orgId: number) => void }) {
  const { r } = useReportsT();
  const ref = useRef<HTMLDivElement>(null);
  const labels = { tasks: r('tasks'), overdue: r('overdue') };
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      tooltip: {
        formatter: (p: { data: { name: string; c: Child } }) =>
          `${echarts.format.encodeHTML(p.data.name)}<br/>${labels.tasks}: ${formatNumber(p.data.c.tasks.total)} — ${labels.overdue}: ${formatNumber(p.data.c.tasks.overdue)}`,
      },
      series: [
        {
          type: 'treemap',
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          left: 0,
          top: 0,
          right: 0,
          bottom: 0,
          label: {
            show: true,
            overflow: 'break',
            fontSize: 13,
            lineHeight: 18,
            formatter: (p: { data: { name: string; c: Child } }) => `${p.data.name}\n${p.data.c.tasks.overdue}/${p.data.c.tasks.total}`,
          },
          upperLabel: { show: false },
          itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
          data: items.map((c) => ({
            name: c.orgName,
            value: Math.max(1, c.tasks.total + c.reports.expected),
            c,
            itemStyle: { color: heatColor(c) },
          })),
        },
      ],
    });
    chart.on('click', (p) => {
      const c = (p.data as { c?: Child } | undefined)?.c;
      if (c && c.orgId !== selfId) onPick(c.orgId);
    });
    return () => chart.dispose();
  }, [items, selfId, onPick, labels.tasks, labels.overdue]);
  return <div ref={ref} style={{ width: '100%', height: 260 }} data-testid="heat-map" />;
}
