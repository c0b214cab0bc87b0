import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { DashboardTarget } from './dashboard.api';
import { formatNumber, useReportsT } from '../reports/reports.i18n';

type Series = Pick<DashboardTarget, 'yearly' | 'plan' | 'forecast' | 'unit'>;

/** Actual against the path to the goal, with the forecast to the end of term. */
export function TargetChart({ target, height = 240 }: { target: Series; height?: number }) {
  const { r } = useReportsT();
  const ref = useRef<HTMLDivElement>(null);
  const labels = { actual: r('actual'), path: r('path'), forecast: r('forecast') };
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const years = [...new Set([...target.yearly, ...target.plan, ...target.forecast].map((p) => p.year))].sort((a, b) => a - b);
    const at = (list: { year: number; value: number }[]) => years.map((y) => list.find((p) => p.year === y)?.value ?? null);
    const fmt = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '—');
    chart.setOption({
      aria: { enabled: true },
      grid: { left: 64, right: 16, top: 32, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      legend: { data: [labels.actual, labels.path, labels.forecast], top: 0 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: target.unit, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      series: [
        { name: labels.actual, type: 'bar', data: at(target.yearly), itemStyle: { color: '#c41d1d' }, barMaxWidth: 28 },
        {
          name: labels.path,
          type: 'line',
          data: at(target.plan),
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#595959' },
          connectNulls: true,
        },
        {
          name: labels.forecast,
          type: 'line',
          data: at(target.forecast),
          lineStyle: { type: 'dotted', width: 2 },
          itemStyle: { color: '#1677ff' },
          connectNulls: true,
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [target, labels.actual, labels.path, labels.forecast]);
  return (
    <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={`${labels.actual} / ${labels.path} / ${labels.forecast}`} />
  );
}
