import { useEffect, useRef, useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../components/form-modal';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import type { ResponsibleBody } from '../../../domain/oversight';
import { fetchEntryLinkOptions, oversightKeys, updateEntry, type ProgramDetail, type ProgramEntry } from './oversight.api';
import { useOversightT } from './oversight.i18n';
import { LinkPicker } from './link-picker';

/** The links an entry names, each with its picker's label key; the add and edit forms share them. */
export const ENTRY_LINK_FIELDS = [
  ['subjectMemberIds', 'member', 'subjectMembers'],
  ['documentIds', 'document', 'linkDocuments'],
  ['itemIds', 'item', 'linkItems'],
  ['taskIds', 'task', 'linkTasks'],
] as const;

type EntryEdit = {
  kind: ProgramEntry['kind'];
  basis: ProgramEntry['basis'];
  content: string;
  theme: string;
  subjectOrgId?: number;
  subjectMemberIds?: number[];
  documentIds?: number[];
  itemIds?: number[];
  taskIds?: number[];
  period: [Dayjs, Dayjs];
  responsibleBody: string;
};

/** Opens the edit dialog of one entry of a program. */
export function EditEntryButton({ programId, e }: { programId: number; e: ProgramEntry }) {
  const { o } = useOversightT();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`edit-entry-${e.position}`}>
        {o('edit')}
      </Button>
      {/* Mounted only while open: each opening gets a fresh form. A form kept across openings
          merges its old values over the new initial ones, so a pick made and cancelled (or an
          entry saved elsewhere since) came back and was saved in place of what the entry holds. */}
      {isOpen && <EditEntryDialog programId={programId} e={e} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The commission re-plans an entry of its year; the version it read goes back (409 when
 * someone saved first). The subject is edited here when the entry names one org (several are
 * kept as they are); the links use the entry form's pickers, searched inside the subject, and
 * a new subject empties them as it does there.
 */
function EditEntryDialog({ programId, e, onClose }: { programId: number; e: ProgramEntry; onClose: () => void }) {
  const { o, kind, basis, body } = useOversightT();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<EntryEdit>();
  const hasOneSubject = e.subjectOrgIds.length === 1;
  const firstSubject = hasOneSubject ? e.subjectOrgIds[0] : undefined;
  const watched = Form.useWatch('subjectOrgId', form);
  const subjectOrgId = watched ?? firstSubject;
  // The watch reports the initial subject once the form mounts: only a different one empties the links.
  const lastSubject = useRef(firstSubject);
  useEffect(() => {
    if (watched === undefined || watched === lastSubject.current) return;
    lastSubject.current = watched;
    form.setFieldsValue({ subjectMemberIds: [], documentIds: [], itemIds: [], taskIds: [] });
  }, [watched, form]);
  const save = useMutation({
    mutationFn: (v: EntryEdit) =>
      updateEntry(e.id, {
        version: e.version,
        kind: v.kind,
        basis: v.basis,
        content: v.content,
        theme: v.theme,
        ...(hasOneSubject && v.subjectOrgId !== undefined ? { subjectOrgIds: [v.subjectOrgId] } : {}),
        subjectMemberIds: v.subjectMemberIds ?? [],
        documentIds: v.documentIds ?? [],
        itemIds: v.itemIds ?? [],
        taskIds: v.taskIds ?? [],
        periodStart: v.period[0].format('YYYY-MM-DD'),
        periodEnd: v.period[1].format('YYYY-MM-DD'),
        responsibleBody: v.responsibleBody as ResponsibleBody,
      }),
    onSuccess: (p: ProgramDetail) => {
      qc.setQueryData(oversightKeys.program(programId), p);
      onClose();
    },
    onError: (err) => onError(err, { form, onConflict: () => void qc.invalidateQueries({ queryKey: oversightKeys.program(programId) }) }),
  });
  return (
    <FormModal<EntryEdit>
      title={o('editEntry')}
      open
      form={form}
      onCancel={onClose}
      onFinish={(v) => save.mutate(v)}
      isSaving={save.isPending}
      initialValues={{
        kind: e.kind,
        basis: e.basis,
        content: e.content,
        theme: e.theme,
        subjectOrgId: firstSubject,
        subjectMemberIds: e.subjectMemberIds,
        documentIds: e.documentIds,
        itemIds: e.itemIds,
        taskIds: e.taskIds,
        period: [dayjs(e.periodStart), dayjs(e.periodEnd)],
        responsibleBody: e.responsibleBody,
      }}
      testId="edit-entry"
    >
      <Space wrap>
        <Form.Item name="kind" label={o('kind')}>
          <Select style={{ width: 150 }} options={['inspection', 'supervision'].map((k) => ({ value: k, label: kind(k) }))} />
        </Form.Item>
        <Form.Item name="basis" label={o('basis')}>
          <Select style={{ width: 200 }} options={['regular', 'thematic', 'violation_signs'].map((k) => ({ value: k, label: basis(k) }))} />
        </Form.Item>
      </Space>
      {hasOneSubject && (
        <Form.Item name="subjectOrgId" label={o('subject')} rules={[{ required: true }]}>
          <OrgPicker aria-label={o('subject')} testId="edit-entry-subject" />
        </Form.Item>
      )}
      {ENTRY_LINK_FIELDS.map(([name, linkKind, labelKey]) => (
        <Form.Item key={name} name={name} label={o(labelKey)}>
          <LinkPicker
            aria-label={o(labelKey)}
            testId={`edit-entry-${linkKind}s`}
            known={e.links[linkKind]}
            cacheKey={['entry', programId, linkKind, subjectOrgId]}
            search={(q) => fetchEntryLinkOptions(programId, linkKind, subjectOrgId, q)}
          />
        </Form.Item>
      ))}
      <Form.Item name="content" label={o('content')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} data-testid="edit-entry-content" />
      </Form.Item>
      <Form.Item name="theme" label={o('theme')} rules={[{ required: true }]}>
        <Input data-testid="edit-entry-theme" />
      </Form.Item>
      <Form.Item name="period" label={o('period')} rules={[{ required: true }]}>
        <DatePicker.RangePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Form.Item name="responsibleBody" label={o('responsible')}>
        <Select options={['inspection_commission', 'standing', 'committee'].map((k) => ({ value: k, label: body(k) }))} />
      </Form.Item>
    </FormModal>
  );
}
