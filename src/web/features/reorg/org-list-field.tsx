import { Button, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { OrgPicker } from '../orgs/org-picker';
import { useReorgT } from './reorg.i18n';

type Props = {
  value?: (number | undefined)[];
  onChange?: (value: (number | undefined)[]) => void;
  /** At most this many orgs (1 for operations on one org). */
  max?: number;
  testId: string;
  'aria-label'?: string;
};

/** A list of orgs picked one by one (a Form control: value and onChange). */
export function OrgListField({ value, onChange, max = 100, testId, ...rest }: Props) {
  const { r } = useReorgT();
  const list = value && value.length > 0 ? value : [undefined];
  const set = (i: number, id: number | undefined) => onChange?.(list.map((x, j) => (j === i ? id : x)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {list.map((id, i) => (
        <div key={i} style={{ display: 'flex', gap: 8 }}>
          <OrgPicker
            value={id ?? null}
            onChange={(next) => set(i, next)}
            testId={`${testId}-${i}`}
            aria-label={rest['aria-label']}
            style={{ flex: 1, minWidth: 0 }}
          />
          {list.length > 1 && (
            <Button icon={<DeleteOutlined />} aria-label={r('remove')} onClick={() => onChange?.(list.filter((_, j) => j !== i))} />
          )}
        </div>
      ))}
      {list.length < max && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange?.([...list, undefined])} data-testid={`${testId}-add`}>
          {r('addSource')}
        </Button>
      )}
    </Space>
  );
}
