import { useState } from 'react';
import { Alert, App, DatePicker, Flex, Form, Input, Segmented, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormModal } from '../../components/form-modal';
import { useLocale } from '../../app/locale';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useDebounced } from '../../lib/use-debounced';
import { toIsoDate } from '../../lib/format';
import { orgKindLabels } from '../../../domain/orgs/org-kinds';
import { OrgPicker } from '../orgs/org-picker';
import { orgKeys, searchOrgs } from '../orgs/orgs.api';
import { assignTasksInBulk, createTask, documentKeys, type BulkTaskInput, type DocumentItem } from './documents.api';
import { fill, L } from './labels';

type Mode = 'single' | 'bulk';
type Values = {
  title: string;
  leadOrgId?: number;
  partnerOrgIds?: number[];
  headName?: string;
  underOrgId?: number;
  orgKind?: BulkTaskInput['orgKind'];
  startDate?: Dayjs | null;
  dueDate?: Dayjs | null;
};

const bulkKinds: BulkTaskInput['orgKind'][] = [
  'commune_committee',
  'district_committee',
  'bloc_committee',
  'grassroots',
  'cell',
  'agency',
  'mass_org',
];
const DATE_FORMAT = 'DD/MM/YYYY';

/** Several orgs found by typing (accents optional); the names chosen stay shown. */
function OrgMultiSelect(props: { value?: number[]; onChange?: (ids: number[]) => void; id?: string; testId?: string }) {
  const { label } = useLocale();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [names, setNames] = useState<Map<number, string>>(new Map());
  const hits = useQuery({ queryKey: orgKeys.search(q), queryFn: () => searchOrgs(q, 30), enabled: q.length >= 2 });
  const options = [
    ...(props.value ?? [])
      .filter((id) => !hits.data?.some((h) => h.id === id))
      .map((id) => ({ value: id, label: names.get(id) ?? String(id) })),
    ...(hits.data ?? []).map((h) => ({ value: h.id, label: h.name, title: h.pathNames.join(' › ') })),
  ];
  return (
    <Select
      id={props.id}
      data-testid={props.testId}
      mode="multiple"
      value={props.value ?? []}
      options={options}
      filterOption={false}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      loading={hits.isFetching}
      notFoundContent={q.length < 2 ? 'Gõ ít nhất 2 ký tự để tìm' : label(L.noResults)}
      onChange={(ids: number[]) => {
        setNames((prev) => {
          const next = new Map(prev);
          for (const h of hits.data ?? []) if (ids.includes(h.id)) next.set(h.id, h.name);
          return next;
        });
        setSearch('');
        props.onChange?.(ids);
      }}
    />
  );
}

/**
 * "Giao nhiệm vụ" for a key task, solution, breakthrough or target: to one lead org with its
 * partners, accountable head and dates, or in bulk to every org of a kind under an org.
 */
export function TaskAssignModal({ item, onClose }: { item: DocumentItem; onClose: () => void }) {
  const { label } = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<Mode>('single');

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const dates = { startDate: toIsoDate(v.startDate), dueDate: toIsoDate(v.dueDate) };
      if (mode === 'bulk') {
        const r = await assignTasksInBulk({ itemId: item.id, underOrgId: v.underOrgId!, orgKind: v.orgKind!, title: v.title, ...dates });
        return r.created;
      }
      await createTask({
        itemId: item.id,
        title: v.title,
        leadOrgId: v.leadOrgId!,
        partnerOrgIds: v.partnerOrgIds ?? [],
        headName: v.headName?.trim() || null,
        ...dates,
      });
      return 1;
    },
    onSuccess: (created) => {
      if (mode === 'bulk') {
        if (created === 0) void message.info(label(L.bulkNone));
        else void message.success(fill(label(L.bulkDone), { n: created }));
      } else void message.success(label(L.taskSaved));
      void qc.invalidateQueries({ queryKey: documentKeys.all });
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });

  return (
    <FormModal<Values>
      title={`${label(L.assignTask)}: ${item.outline} ${item.text}`.slice(0, 140)}
      open
      form={form}
      width={720}
      testId="task-form"
      isSaving={save.isPending}
      submitText={label(L.assignTask)}
      initialValues={{ title: item.text, orgKind: 'commune_committee' }}
      onCancel={onClose}
      onFinish={(v) => save.mutate(v)}
    >
      <Segmented<Mode>
        block
        style={{ marginBottom: 16 }}
        value={mode}
        onChange={setMode}
        data-testid="task-mode"
        options={[
          { value: 'single', label: label(L.assignOne) },
          { value: 'bulk', label: label(L.assignBulk) },
        ]}
      />
      <Form.Item
        name="title"
        label={label(L.taskTitle)}
        rules={[{ required: true, min: 3, message: 'Hãy nhập nội dung nhiệm vụ (ít nhất 3 ký tự)' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      {mode === 'single' ? (
        <>
          <Form.Item name="leadOrgId" label={label(L.leadOrg)} rules={[{ required: true, message: 'Hãy chọn đơn vị chủ trì' }]}>
            <OrgPicker
              testId="task-lead-org"
              onChange={(_, org) => {
                if (org?.headName && !form.getFieldValue('headName')) form.setFieldValue('headName', org.headName);
              }}
            />
          </Form.Item>
          <Form.Item name="partnerOrgIds" label={label(L.partnerOrgs)}>
            <OrgMultiSelect testId="task-partner-orgs" />
          </Form.Item>
          <Form.Item name="headName" label={label(L.headName)}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      ) : (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={label(L.bulkHint)} />
          <Flex gap={12}>
            <Form.Item
              name="underOrgId"
              label={label(L.underOrg)}
              rules={[{ required: true, message: 'Hãy chọn tổ chức cấp trên' }]}
              style={{ flex: 1 }}
            >
              <OrgPicker testId="task-under-org" />
            </Form.Item>
            <Form.Item name="orgKind" label={label(L.orgKind)} rules={[{ required: true }]} style={{ width: 260 }}>
              <Select data-testid="task-org-kind" options={bulkKinds.map((k) => ({ value: k, label: label(orgKindLabels[k]) }))} />
            </Form.Item>
          </Flex>
        </>
      )}
      <Space size="large">
        <Form.Item name="startDate" label={label(L.startDate)}>
          <DatePicker format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={label(L.dueDate)}
          dependencies={['startDate']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null | undefined) => {
                const start = getFieldValue('startDate') as Dayjs | null | undefined;
                return !v || !start || !v.isBefore(start, 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error('Hạn hoàn thành phải sau ngày bắt đầu'));
              },
            }),
          ]}
        >
          <DatePicker format={DATE_FORMAT} data-testid="task-due-date" />
        </Form.Item>
      </Space>
    </FormModal>
  );
}
