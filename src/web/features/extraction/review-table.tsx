import { App, Button, Checkbox, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { AimOutlined, DeleteOutlined, UndoOutlined } from '@ant-design/icons';
import { useLocale } from '../../app/locale';
import { TARGET_COMPARATORS } from '../../../domain/targets';
import type { Indicator } from '../documents/documents.api';
import { acceptRefusal, checkRow, type ReviewRow } from './review-rows';
import { comparatorLabels, kindLabels, X } from './labels';

const NEW_INDICATOR = 'new';
const kinds = ['target', 'task', 'breakthrough', 'milestone'] as const;

/** Vietnamese notation in number boxes: 80.000 and 8,5. */
const vnNumber = {
  formatter: (value: string | number | undefined, info: { userTyping: boolean; input: string }) => {
    if (info.userTyping) return info.input;
    if (value === undefined || value === '') return '';
    const [whole = '', fraction] = String(value).split('.');
    return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${fraction ? `,${fraction}` : ''}`;
  },
  parser: (text: string | undefined) => (text ?? '').replace(/\./g, '').replace(',', '.'),
};

const toNumber = (v: string | number | null): number | null => (v === null || v === '' || Number.isNaN(Number(v)) ? null : Number(v));

function FieldError({ text }: { text: string | undefined }) {
  return text ? (
    <div className="extract-error" role="alert">
      {text}
    </div>
  ) : null;
}

/**
 * The proposed items as an editable table: accept, fix the kind, the words, the indicator and
 * the value in place, or drop a row. Focusing or clicking a row shows its words in the text.
 */
export function ReviewTable(props: {
  rows: ReviewRow[];
  indicators: Indicator[];
  serverErrors: Record<string, string>;
  activeKey: string | null;
  hoverKey: string | null;
  onChange: (key: string, patch: Partial<ReviewRow>) => void;
  onAcceptAll: (isAccepted: boolean) => void;
  onActivate: (key: string, scroll: boolean) => void;
  onHover: (key: string | null) => void;
}) {
  const { label } = useLocale();
  const { message } = App.useApp();
  const live = props.rows.filter((r) => !r.isDropped);
  const acceptedCount = live.filter((r) => r.isAccepted).length;
  const indicatorOptions = props.indicators.map((i) => ({ value: i.id, label: i.unit ? `${i.name} (${i.unit})` : i.name }));

  const columns: TableProps<ReviewRow>['columns'] = [
    {
      key: 'accept',
      width: 56,
      align: 'center',
      title: label(X.accept),
      render: (_: unknown, r, i) => (
        <Checkbox
          aria-label={`${label(X.acceptRow)} ${i + 1}`}
          data-testid="extract-accept"
          checked={r.isAccepted}
          disabled={r.isDropped}
          onChange={(e) => {
            const refusal = e.target.checked ? acceptRefusal(r) : null;
            if (refusal) {
              void message.warning(refusal);
              props.onActivate(r.key, true);
              return;
            }
            props.onChange(r.key, { isAccepted: e.target.checked });
          }}
        />
      ),
    },
    {
      title: label(X.kind),
      key: 'kind',
      width: 112,
      render: (_: unknown, r) => (
        <Select
          size="small"
          aria-label={label(X.kind)}
          data-testid="extract-kind"
          value={r.kind}
          disabled={r.isDropped}
          style={{ width: '100%' }}
          options={kinds.map((k) => ({ value: k, label: label(kindLabels[k]) }))}
          onChange={(kind) => props.onChange(r.key, { kind })}
        />
      ),
    },
    {
      title: label(X.content),
      key: 'text',
      render: (_: unknown, r) => {
        const check = checkRow(r);
        return (
          <div style={{ paddingLeft: r.depth * 16 }} data-depth={r.depth}>
            <Input.TextArea
              className="extract-row-text"
              aria-label={label(X.content)}
              data-testid="extract-text"
              value={r.text}
              disabled={r.isDropped}
              autoSize={{ minRows: 1, maxRows: 5 }}
              onChange={(e) => props.onChange(r.key, { text: e.target.value })}
              status={check.errors.text ? 'error' : undefined}
            />
            <FieldError text={check.errors.text} />
            {r.kind === 'target' && (
              <div style={{ marginTop: 6 }}>
                <Select
                  size="small"
                  showSearch
                  optionFilterProp="label"
                  aria-label={label(X.indicator)}
                  data-testid="extract-indicator"
                  disabled={r.isDropped}
                  style={{ width: '100%' }}
                  value={r.indicatorId ?? NEW_INDICATOR}
                  status={check.errors.indicator ? 'error' : undefined}
                  options={[{ value: NEW_INDICATOR, label: `${label(X.newIndicator)}: ${r.indicatorName}` }, ...indicatorOptions]}
                  onChange={(v) => props.onChange(r.key, { indicatorId: v === NEW_INDICATOR ? null : Number(v) })}
                />
                {r.indicatorId !== null && r.match?.id === r.indicatorId && (
                  <Tag data-testid="extract-match-score" color={r.match.score >= 0.7 ? 'green' : 'gold'} style={{ marginTop: 4 }}>
                    {label(X.matchScore)} {Math.round(r.match.score * 100)}%
                  </Tag>
                )}
                {r.indicatorId === null && (
                  <Typography.Text
                    type="secondary"
                    style={{ display: 'block', fontSize: 12, marginTop: 4 }}
                    data-testid="extract-proposed-new"
                  >
                    {label(X.proposedNew)}
                  </Typography.Text>
                )}
                {r.indicatorId === null && (
                  <Input
                    size="small"
                    style={{ marginTop: 4 }}
                    aria-label={label(X.newIndicatorName)}
                    placeholder={label(X.newIndicatorName)}
                    value={r.indicatorName}
                    disabled={r.isDropped}
                    onChange={(e) => props.onChange(r.key, { indicatorName: e.target.value })}
                  />
                )}
                <FieldError text={check.errors.indicator} />
              </div>
            )}
            <div className="extract-why" data-testid="extract-why">
              <span title={label(X.readFrom)}>“{r.source.trim()}”</span>
              {r.reasons.length > 0 && <span title={label(X.readWhy)}> · {r.reasons.join('; ')}</span>}
            </div>
            <FieldError text={props.serverErrors[r.key]} />
          </div>
        );
      },
    },
    {
      title: label(X.value),
      key: 'value',
      width: 340,
      render: (_: unknown, r) => {
        if (r.kind === 'task' || r.kind === 'breakthrough') return <Typography.Text type="secondary">—</Typography.Text>;
        if (r.kind === 'milestone') {
          return (
            <InputNumber
              size="small"
              aria-label={label(X.byYear)}
              addonBefore={label(X.byYear)}
              min={1945}
              max={2100}
              value={r.byYear}
              disabled={r.isDropped}
              onChange={(v) => props.onChange(r.key, { byYear: v ?? null })}
            />
          );
        }
        const check = checkRow(r);
        const isRange = r.comparator === 'range';
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space.Compact block size="small">
              <Select
                size="small"
                aria-label={label(X.comparator)}
                data-testid="extract-comparator"
                value={r.comparator}
                disabled={r.isDropped}
                style={{ width: 120 }}
                popupMatchSelectWidth={false}
                options={TARGET_COMPARATORS.map((c) => ({ value: c, label: label(comparatorLabels[c]) }))}
                onChange={(comparator) => props.onChange(r.key, { comparator })}
              />
              {isRange ? (
                <>
                  <InputNumber
                    size="small"
                    aria-label={label(X.from)}
                    data-testid="extract-value-min"
                    {...vnNumber}
                    value={r.valueMin}
                    disabled={r.isDropped}
                    style={{ width: 72 }}
                    status={check.errors.value ? 'error' : undefined}
                    onChange={(v) => props.onChange(r.key, { valueMin: toNumber(v) })}
                  />
                  <InputNumber
                    size="small"
                    aria-label={label(X.to)}
                    data-testid="extract-value-max"
                    {...vnNumber}
                    value={r.valueMax}
                    disabled={r.isDropped}
                    style={{ width: 72 }}
                    status={check.errors.value ? 'error' : undefined}
                    onChange={(v) => props.onChange(r.key, { valueMax: toNumber(v) })}
                  />
                </>
              ) : (
                <InputNumber
                  size="small"
                  aria-label={label(X.value)}
                  data-testid="extract-value"
                  {...vnNumber}
                  value={r.value}
                  disabled={r.isDropped}
                  style={{ width: 100 }}
                  status={check.errors.value ? 'error' : undefined}
                  onChange={(v) => props.onChange(r.key, { value: toNumber(v) })}
                />
              )}
              <Input
                size="small"
                aria-label={label(X.unit)}
                data-testid="extract-unit"
                placeholder={label(X.unit)}
                value={r.unit}
                disabled={r.isDropped}
                style={{ flex: 1, minWidth: 90 }}
                status={check.errors.unit ? 'error' : undefined}
                onChange={(e) => props.onChange(r.key, { unit: e.target.value })}
              />
            </Space.Compact>
            <Space size={8} wrap>
              <Checkbox checked={r.perYear} disabled={r.isDropped} onChange={(e) => props.onChange(r.key, { perYear: e.target.checked })}>
                {label(X.perYear)}
              </Checkbox>
              <InputNumber
                size="small"
                aria-label={label(X.byYear)}
                placeholder={label(X.byYear)}
                min={1945}
                max={2100}
                value={r.byYear}
                disabled={r.isDropped}
                style={{ width: 80 }}
                onChange={(v) => props.onChange(r.key, { byYear: v ?? null })}
              />
            </Space>
            {check.statement && (
              <Tag color="blue" data-testid="extract-statement" style={{ whiteSpace: 'normal' }}>
                {label(X.readAs)}: {check.statement}
                {r.byYear ? ` (${r.byYear})` : ''}
              </Tag>
            )}
            <FieldError text={check.errors.value ?? check.errors.unit ?? check.errors.byYear} />
          </Space>
        );
      },
    },
    {
      key: 'actions',
      width: 84,
      render: (_: unknown, r) => (
        <Space size={2}>
          <Tooltip title={label(X.locate)}>
            <Button
              size="small"
              icon={<AimOutlined />}
              aria-label={label(X.locate)}
              onClick={(e) => {
                e.stopPropagation();
                props.onActivate(r.key, true);
              }}
            />
          </Tooltip>
          {r.isDropped ? (
            <Tooltip title={label(X.restore)}>
              <Button
                size="small"
                icon={<UndoOutlined />}
                aria-label={label(X.restore)}
                data-testid="extract-restore"
                onClick={() => props.onChange(r.key, { isDropped: false })}
              />
            </Tooltip>
          ) : (
            <Tooltip title={label(X.drop)}>
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={label(X.drop)}
                data-testid="extract-drop"
                onClick={() => props.onChange(r.key, { isDropped: true, isAccepted: false })}
              />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Checkbox
        data-testid="extract-accept-all"
        style={{ marginBottom: 8 }}
        checked={live.length > 0 && acceptedCount === live.length}
        indeterminate={acceptedCount > 0 && acceptedCount < live.length}
        disabled={live.length === 0}
        onChange={(e) => props.onAcceptAll(e.target.checked)}
      >
        {label(X.acceptAll)}
      </Checkbox>
      <Table<ReviewRow>
        className="extract-table"
        data-testid="extract-table"
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={props.rows}
        pagination={false}
        scroll={{ y: '58vh' }}
        rowClassName={(r) =>
          [r.key === props.activeKey ? 'is-active' : '', r.key === props.hoverKey ? 'is-hover' : '', r.isDropped ? 'is-dropped' : ''].join(
            ' ',
          )
        }
        onRow={(r) => ({
          onClick: () => props.onActivate(r.key, true),
          // Keyboard users land on a row's fields by Tab: show where its words are as they go.
          onFocus: () => props.onActivate(r.key, true),
          onMouseEnter: () => props.onHover(r.key),
          onMouseLeave: () => props.onHover(null),
        })}
      />
    </>
  );
}
