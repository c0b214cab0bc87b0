import { InputNumber, Select, Space } from 'antd';
import type { GradingPeriodKind } from '../../../domain/grading';

const QUARTERS = [1, 2, 3, 4].map((q) => ({ value: q, label: `Quý ${['I', 'II', 'III', 'IV'][q - 1]}` }));
const TERMS = ['2015-2020', '2020-2025', '2025-2030'].map((t) => ({ value: t, label: `Nhiệm kỳ ${t.replace('-', '–')}` }));

/**
 * The period of a round picked the way people name it ("Quý I/2026", "năm 2025", "nhiệm kỳ
 * 2020–2025"), written as the key the server reads (2026-Q1, 2025, 2020-2025).
 */
export function PeriodKeyInput({ kind, value, onChange }: { kind: GradingPeriodKind; value?: string; onChange?: (key: string) => void }) {
  if (kind === 'term') {
    return (
      <Select
        aria-label="Nhiệm kỳ"
        style={{ width: 200 }}
        options={TERMS}
        value={value && TERMS.some((t) => t.value === value) ? value : undefined}
        onChange={onChange}
        data-testid="round-term"
      />
    );
  }
  const year = value ? Number(value.slice(0, 4)) : undefined;
  const quarter = value?.match(/-Q([1-4])$/)?.[1];
  const emit = (y: number | null | undefined, q: number | undefined) => {
    if (!y) return;
    onChange?.(kind === 'quarter' ? (q ? `${y}-Q${q}` : '') : String(y));
  };
  return (
    <Space.Compact>
      {kind === 'quarter' && (
        <Select
          aria-label="Quý"
          style={{ width: 100 }}
          options={QUARTERS}
          value={quarter ? Number(quarter) : undefined}
          placeholder="Quý"
          onChange={(q: number) => emit(year, q)}
          data-testid="round-quarter"
        />
      )}
      <InputNumber
        aria-label="Năm"
        min={2015}
        max={2100}
        style={{ width: 110 }}
        placeholder="Năm"
        value={year && Number.isFinite(year) ? year : undefined}
        onChange={(y) => emit(y, quarter ? Number(quarter) : undefined)}
        data-testid="round-year"
      />
    </Space.Compact>
  );
}
