import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Select, Space, Table, Tooltip, type TableProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/locale';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { foldVietnamese } from '../../../domain/vn-text';
import { canEditCatalog } from '../../../domain/access/permissions';
import { useCurrentUser } from '../auth/auth.api';
import { useCan } from '../auth/use-permission';
import { createIndicator, documentKeys, fetchIndicators, updateIndicator, type Indicator, type IndicatorInput } from './documents.api';
import { aggregationLabels, directionLabels, L } from './labels';

type Values = IndicatorInput & { code?: string };

/** A catalog code from a name: "Tỷ lệ hộ nghèo" → "TY_LE_HO_NGHEO" (the user may change it). */
export function codeFromName(name: string): string {
  return foldVietnamese(name)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

/**
 * The indicator catalog: what targets are measured by, with unit, which way is better and how
 * values roll up the org tree. Anyone may read it; callers who may write documents (the
 * server's rule for the catalog) add and correct entries. `onCreated` hands a new indicator
 * back to the form that opened the drawer.
 */
export function IndicatorsDrawer(props: {
  open: boolean;
  startCreating?: boolean;
  onClose: () => void;
  onCreated?: (indicator: Indicator) => void;
}) {
  const { label } = useLocale();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const canWrite = useCan('documents.write');
  const canEditShared = canEditCatalog(useCurrentUser().grants);
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const [wasOpen, setWasOpen] = useState(false);
  const indicators = useQuery({ queryKey: documentKeys.indicators, queryFn: fetchIndicators, enabled: props.open });

  const open = (target: Indicator | 'new') => {
    form.resetFields();
    form.setFieldsValue(
      target === 'new' ? { code: '', name: '', unit: '', direction: 'higher_better', aggregation: 'none' } : { ...target },
    );
    setEditing(target);
  };
  // Opening from the target form's "Thêm chỉ tiêu đo mới" goes straight to a blank entry.
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open && props.startCreating && canWrite) open('new');
    if (!props.open) setEditing(null);
  }

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name, unit: v.unit ?? '', direction: v.direction, aggregation: v.aggregation };
      return editing === 'new'
        ? createIndicator({ ...body, code: v.code ?? codeFromName(v.name) })
        : updateIndicator((editing as Indicator).id, { ...body, version: (editing as Indicator).version });
    },
    onSuccess: (saved) => {
      void message.success(`${label(editing === 'new' ? L.newIndicator : L.editIndicator)}: ${saved.name}`);
      void qc.invalidateQueries({ queryKey: documentKeys.indicators });
      if (editing === 'new') props.onCreated?.(saved);
      setEditing(null);
    },
    onError: (e) =>
      onError(e, {
        form,
        onConflict: () => {
          setEditing(null);
          void qc.invalidateQueries({ queryKey: documentKeys.indicators });
        },
      }),
  });

  const q = foldVietnamese(search.trim());
  const rows = (indicators.data ?? []).filter((i) => !q || foldVietnamese(`${i.name} ${i.code} ${i.unit}`).includes(q));
  const columns: TableProps<Indicator>['columns'] = [
    {
      title: label(L.indicatorName),
      dataIndex: 'name',
      render: (name: string, i) => (
        <>
          <div>{name}</div>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{i.code}</div>
        </>
      ),
    },
    { title: label(L.unit), dataIndex: 'unit', width: 110, render: (u: string) => u || '—' },
    { title: label(L.direction), dataIndex: 'direction', width: 150, render: (d: Indicator['direction']) => label(directionLabels[d]) },
    {
      title: label(L.aggregation),
      dataIndex: 'aggregation',
      width: 200,
      render: (a: Indicator['aggregation']) => label(aggregationLabels[a]),
    },
    ...(canEditShared
      ? [
          {
            title: '',
            key: 'edit',
            width: 48,
            render: (_: unknown, i: Indicator) => (
              <Tooltip title={label(L.editIndicator)}>
                <Button size="small" icon={<EditOutlined />} aria-label={`${label(L.editIndicator)} ${i.name}`} onClick={() => open(i)} />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      title={label(L.indicators)}
      open={props.open}
      onClose={props.onClose}
      size={860}
      destroyOnHidden
      data-testid="indicators-drawer"
    >
      {editing !== null && (
        <Card size="small" title={label(editing === 'new' ? L.newIndicator : L.editIndicator)} style={{ marginBottom: 16 }}>
          <Form<Values> form={form} name="indicator-form" layout="vertical" disabled={save.isPending} onFinish={(v) => save.mutate(v)}>
            <Form.Item
              name="name"
              label={label(L.indicatorName)}
              rules={[{ required: true, min: 3, message: 'Tên chỉ số cần ít nhất 3 ký tự' }]}
            >
              <Input
                autoFocus
                maxLength={300}
                onChange={(e) => {
                  if (editing === 'new' && !form.isFieldTouched('code')) form.setFieldValue('code', codeFromName(e.target.value));
                }}
              />
            </Form.Item>
            <Space.Compact block>
              <Form.Item
                name="code"
                label={label(L.indicatorCode)}
                style={{ flex: 1 }}
                extra={editing === 'new' ? 'Chữ không dấu, số và gạch dưới; không đổi được sau khi lưu' : undefined}
                rules={
                  editing === 'new'
                    ? [
                        { required: true, min: 2, message: 'Hãy nhập mã' },
                        { pattern: /^[A-Za-z0-9_]+$/, message: 'Mã chỉ gồm chữ không dấu, số và gạch dưới' },
                      ]
                    : []
                }
              >
                <Input disabled={editing !== 'new'} maxLength={40} />
              </Form.Item>
              <Form.Item name="unit" label={label(L.unit)} style={{ width: 180 }}>
                <Input maxLength={50} placeholder="%, đảng viên, tỷ đồng" />
              </Form.Item>
            </Space.Compact>
            <Space.Compact block>
              <Form.Item name="direction" label={label(L.direction)} rules={[{ required: true }]} style={{ width: 240 }}>
                <Select
                  options={(['higher_better', 'lower_better'] as const).map((d) => ({ value: d, label: label(directionLabels[d]) }))}
                />
              </Form.Item>
              <Form.Item name="aggregation" label={label(L.aggregation)} rules={[{ required: true }]} style={{ flex: 1 }}>
                <Select
                  options={(['sum', 'rate', 'average', 'none'] as const).map((a) => ({ value: a, label: label(aggregationLabels[a]) }))}
                />
              </Form.Item>
            </Space.Compact>
            <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
              <Button onClick={() => setEditing(null)} disabled={false}>
                {t('common.cancel')}
              </Button>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder="Tìm chỉ số (không cần dấu)"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 320 }}
        />
        {canWrite && editing === null && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {label(L.newIndicator)}
          </Button>
        )}
      </Space>
      {!canWrite && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={label(L.readOnlyCatalog)} />}
      <Table<Indicator>
        rowKey="id"
        size="small"
        loading={indicators.isFetching}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="indicators-table"
      />
    </Drawer>
  );
}
