import { useMemo, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Select, Space, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useLocale } from '../../app/locale';
import { itemKindLabels, itemKinds, type ItemKind } from '../../../domain/documents';
import { buildTargetSpec, formatTargetSpec, parseTargetInput, TargetInputError } from '../../../domain/targets';
import { FormModal } from '../../components/form-modal';
import { documentKeys, fetchIndicators, type DocumentItem } from './documents.api';
import { IndicatorsDrawer } from './indicators-drawer';
import { L } from './labels';

export type ItemValues = {
  kind: ItemKind;
  text: string;
  parentItemId?: number | null;
  milestoneYear?: number | null;
  target?: {
    indicatorId?: number | null;
    valueText?: string;
    unitText?: string;
    byYear?: number | null;
    baselineValue?: number | null;
    baselineYear?: number | null;
  };
};

/** The value text a stored target reads back as, for editing ("8,5-8,7" + "%/năm"). */
export function targetTexts(item: DocumentItem): { valueText: string; unitText: string } {
  if (!item.comparator) return { valueText: '', unitText: '' };
  const text = formatTargetSpec(
    buildTargetSpec({
      comparator: item.comparator as never,
      value: item.value,
      valueMin: item.valueMin,
      valueMax: item.valueMax,
      unit: '',
      perYear: false,
    }),
    { style: 'words' },
  );
  return { valueText: text.replace('–', '-'), unitText: `${item.unit ?? ''}${item.perYear ? '/năm' : ''}` };
}

/** What the parser makes of the two boxes, shown live under them. */
function TargetPreview({ form }: { form: FormInstance<ItemValues> }) {
  const { label } = useLocale();
  const valueText = Form.useWatch(['target', 'valueText'], form) ?? '';
  const unitText = Form.useWatch(['target', 'unitText'], form) ?? '';
  const result = useMemo(() => {
    if (!valueText.trim()) return null;
    try {
      return { ok: true, text: formatTargetSpec(parseTargetInput(valueText, unitText), { style: 'words' }) };
    } catch (e) {
      return { ok: false, text: e instanceof TargetInputError ? e.message : String(e) };
    }
  }, [valueText, unitText]);
  if (!result) return null;
  return (
    <Alert
      data-testid="target-preview"
      type={result.ok ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      message={result.ok ? `${label(L.understoodAs)}: ${result.text}` : result.text}
    />
  );
}

export function ItemFormModal(props: {
  open: boolean;
  title: string;
  form: FormInstance<ItemValues>;
  parents: DocumentItem[];
  isSaving: boolean;
  onCancel: () => void;
  onFinish: (v: ItemValues) => void;
  initialValues?: Partial<ItemValues>;
}) {
  const { label } = useLocale();
  const kind = Form.useWatch('kind', props.form);
  const indicators = useQuery({ queryKey: documentKeys.indicators, queryFn: fetchIndicators, enabled: props.open });
  const [catalogOpen, setCatalogOpen] = useState<'browse' | 'create' | null>(null);
  return (
    <>
      <FormModal<ItemValues>
        title={props.title}
        open={props.open}
        form={props.form}
        onCancel={props.onCancel}
        onFinish={props.onFinish}
        isSaving={props.isSaving}
        width={720}
        initialValues={props.initialValues}
        testId="item-form"
      >
        <Space.Compact block>
          <Form.Item name="kind" label={label(L.itemKind)} rules={[{ required: true }]} style={{ width: 220 }}>
            <Select options={itemKinds.map((k) => ({ value: k, label: label(itemKindLabels[k]) }))} />
          </Form.Item>
          <Form.Item name="parentItemId" label={label(L.parentItem)} style={{ flex: 1 }}>
            <Select
              allowClear
              optionFilterProp="label"
              options={props.parents.map((p) => ({ value: p.id, label: `${p.outline} ${p.text}`.slice(0, 120) }))}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="text" label={label(L.itemText)} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        {kind === 'milestone' && (
          <Form.Item name="milestoneYear" label={label(L.milestoneYear)}>
            <InputNumber min={1945} max={2100} />
          </Form.Item>
        )}
        {kind === 'target' && (
          <>
            <Form.Item
              name={['target', 'indicatorId']}
              label={label(L.indicator)}
              extra={
                <Space size={0} wrap>
                  <Button
                    type="link"
                    size="small"
                    style={{ paddingInline: 0 }}
                    onClick={() => setCatalogOpen('create')}
                    data-testid="new-indicator"
                  >
                    {label(L.newIndicator)}
                  </Button>
                  <Button type="link" size="small" onClick={() => setCatalogOpen('browse')}>
                    {label(L.indicators)}
                  </Button>
                </Space>
              }
            >
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={indicators.isFetching}
                options={(indicators.data ?? []).map((i) => ({ value: i.id, label: i.unit ? `${i.name} (${i.unit})` : i.name }))}
              />
            </Form.Item>
            <Space.Compact block>
              <Form.Item
                name={['target', 'valueText']}
                label={label(L.value)}
                rules={[{ required: true }]}
                style={{ flex: 1 }}
                extra='Ví dụ: "8,5-8,7", "trên 9 tỷ USD", "ít nhất 300", "100%"'
              >
                <Input />
              </Form.Item>
              <Form.Item name={['target', 'unitText']} label={label(L.unit)} style={{ width: 200 }} extra='Ví dụ: "%/năm"'>
                <Input />
              </Form.Item>
            </Space.Compact>
            <TargetPreview form={props.form} />
            <Space wrap>
              <Form.Item name={['target', 'byYear']} label={label(L.byYear)}>
                <InputNumber min={1945} max={2100} />
              </Form.Item>
              <Form.Item name={['target', 'baselineValue']} label={label(L.baselineValue)}>
                <InputNumber decimalSeparator="," />
              </Form.Item>
              <Form.Item name={['target', 'baselineYear']} label={label(L.baselineYear)}>
                <InputNumber min={1945} max={2100} />
              </Form.Item>
            </Space>
          </>
        )}
      </FormModal>
      <IndicatorsDrawer
        open={catalogOpen !== null}
        startCreating={catalogOpen === 'create'}
        onClose={() => setCatalogOpen(null)}
        onCreated={(indicator) => {
          props.form.setFieldValue(['target', 'indicatorId'], indicator.id);
          setCatalogOpen(null);
        }}
      />
    </>
  );
}
