import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { DashboardTarget } from './dashboard.api';

/** Actual against the path to the goal, with the forecast to the end of term. */
export function TargetChart({ target }: { target: DashboardTarget }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const years = [...new Set([...target.yearly, ...target.plan, ...target.forecast].map((p) => p.year))].sort();
    const at = (list: { year: number; value: number }[]) => years.map((y) => list.find((p) => p.year === y)?.value ?? null);
    chart.setOption({
      grid: { left: 48, right: 12, top: 24, bottom: 24 },
      tooltip: { trigger: 'axis' },
      legend: { data: ['Thực hiện', 'Lộ trình', 'Dự báo'], top: 0 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: target.unit },
      series: [
        { name: 'Thực hiện', type: 'bar', data: at(target.yearly) },
        { name: 'Lộ trình', type: 'line', data: at(target.plan), lineStyle: { type: 'dashed' } },
        { name: 'Dự báo', type: 'line', data: at(target.forecast), lineStyle: { type: 'dotted' } },
      ],
    });
    return () => chart.dispose();
  }, [target]);
  return <div ref={ref} style={{ width: '100%', height: 220 }} />;
}
