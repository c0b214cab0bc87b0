import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, DatePicker, Form, Input, Radio, Result, Select, Space, Typography, type FormInstance } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DATE_FORMAT, formatDate, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { ApiError } from '../../lib/api';
import { toFormFieldErrors, type FormFieldError } from '../../lib/form-errors';
import { useLocale } from '../../app/locale';
import { orgKindLabels, orgKinds } from '../../../domain/orgs/org-kinds';
import { reorgKindLabels } from '../../../domain/reorg';
import { reorgKinds } from '../../../contracts/reorg';
import { OrgPicker } from '../orgs/org-picker';
import { OrgListField } from './org-list-field';
import { NewPartsField } from './new-parts-field';
import { ReorgHistoryCard } from './reorg-history';
import { ReorgPreviewPanel } from './reorg-preview';
import { MappingSheetActions } from './mapping-sheet';
import { buildReorgRequest, type CellChoice, type ReorgFormValues, type RoleChoice } from './reorg-request';
import { commitReorg, previewReorg, type MappingSheet, type ReorgOperation, type ReorgPreview, type ReorgRequestInput } from './reorg.api';
import { useReorgT } from './reorg.i18n';
import type { Dayjs } from 'dayjs';

type FormShape = Omit<ReorgFormValues, 'effectiveDate'> & { effectiveDate?: Dayjs | null };

/** Fields of the form that a server error may name (`body.newOrg.code` → ['newOrg', 'code']). */
const FORM_FIELDS = new Set([
  'kind',
  'effectiveDate',
  'decision',
  'sourceOrgIds',
  'targetOrgIds',
  'newOrg.parentId',
  'newOrg.code',
  'newOrg.name',
  'newOrg.kind',
  'newName',
  'newKind',
  'newOrgs',
]);

/**
 * "Sắp xếp tổ chức": choose the operation, its effective date and decision, the orgs; look at
 * the preview of everything it touches, adjust where each child org, members and roles go
 * (each change previews again), then confirm. Nothing is written before the confirmation.
 */
export function ReorgPage() {
  const { r } = useReorgT();
  const { t } = useTranslation();
  const { label } = useLocale();
  const { modal, message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormShape>();
  const kind = Form.useWatch('kind', form) ?? 'merge';
  const intoMode = Form.useWatch('intoMode', form) ?? 'new';
  const newOrgName = Form.useWatch(['newOrg', 'name'], form);
  const newParts = Form.useWatch('newOrgs', form) as FormShape['newOrgs'];
  const [cells, setCells] = useState<CellChoice>(new Map());
  const [roles, setRoles] = useState<RoleChoice>(new Map());
  const [preview, setPreview] = useState<{ request: ReorgRequestInput; answer: ReorgPreview } | null>(null);
  const [done, setDone] = useState<ReorgOperation | null>(null);

  const requestOf = (c: CellChoice, rl: RoleChoice): ReorgRequestInput => {
    const v = form.getFieldsValue(true) as FormShape;
    return buildReorgRequest({ ...v, effectiveDate: toIsoDate(v.effectiveDate) }, c, rl);
  };

  const setFieldErrors = (list: FormFieldError[]) =>
    (form as FormInstance).setFields(list.filter((f) => FORM_FIELDS.has(f.name.join('.'))));
  /** Server field errors next to their fields; the rest (mapping, roles) stay in the message. */
  const showErrors = (e: unknown) => {
    if (e instanceof ApiError) {
      setFieldErrors(toFormFieldErrors(e.fields));
    }
    onError(e);
  };

  const runPreview = useMutation({
    mutationFn: (request: ReorgRequestInput) => previewReorg(request).then((answer) => ({ request, answer })),
    onSuccess: (p) => {
      setPreview(p);
      // The domain's problems name their fields too: show them where the user fixes them.
      setFieldErrors(toFormFieldErrors(p.answer.problems.map((x) => ({ field: x.field, message: label(x) }))));
    },
    onError: showErrors,
  });
  const commit = useMutation({
    mutationFn: (request: ReorgRequestInput) => commitReorg(request),
    onSuccess: (op) => {
      setDone(op);
      void message.success(r('done'));
      void qc.invalidateQueries({ queryKey: ['orgs'] });
      void qc.invalidateQueries({ queryKey: ['reorg'] });
    },
    onError: showErrors,
  });

  const onPreview = async () => {
    await form.validateFields();
    runPreview.mutate(requestOf(cells, roles));
  };
  const onCell = (fromOrgId: number, toOrgId: number) => {
    const next = new Map(cells).set(fromOrgId, toOrgId);
    setCells(next);
    runPreview.mutate(requestOf(next, roles));
  };
  const onRole = (userRoleId: number, toOrgId: number | null) => {
    const next = new Map(roles).set(userRoleId, toOrgId);
    setRoles(next);
    runPreview.mutate(requestOf(cells, next));
  };
  /** A filled mapping sheet replaces the choices of the rows it lists, then previews again. */
  const onSheet = (sheet: MappingSheet) => {
    const nextCells = new Map(cells);
    for (const m of sheet.mapping) nextCells.set(m.fromOrgId, m.toOrgId);
    const nextRoles = new Map(roles);
    for (const x of sheet.roleMapping) nextRoles.set(x.userRoleId, x.toOrgId);
    setCells(nextCells);
    setRoles(nextRoles);
    runPreview.mutate(requestOf(nextCells, nextRoles));
  };
  // A form changed after the preview must be previewed again before it is confirmed.
  const watched = Form.useWatch((values) => values, form);
  const isStale = preview !== null && watched !== undefined && JSON.stringify(preview.request) !== JSON.stringify(requestOf(cells, roles));
  const onConfirm = () => {
    if (!preview) return;
    modal.confirm({
      title: r('confirmTitle'),
      content: r('confirmText', { d: formatDate(preview.answer.effectiveDate) }),
      okText: r('confirm'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync(preview.request).catch(() => undefined),
    });
  };
  const reset = () => {
    setDone(null);
    setPreview(null);
    setCells(new Map());
    setRoles(new Map());
    form.resetFields();
  };

  if (done)
    return (
      <div>
        <Card>
          <Result
            status="success"
            title={r('done')}
            subTitle={done.summary}
            data-testid="reorg-done"
            extra={[
              done.successorOrgId !== null && (
                <Link key="open" to="/orgs" search={{ orgId: done.successorOrgId }}>
                  <Button type="primary">{r('openSuccessor')}</Button>
                </Link>
              ),
              <Button key="again" onClick={reset}>
                {r('another')}
              </Button>,
            ]}
          />
        </Card>
        <ReorgHistoryCard />
      </div>
    );

  const required = (field: string) => [{ required: true, message: field }];
  const one = (v: (number | undefined)[] | undefined) => (v ?? []).some((x) => x !== undefined);

  return (
    <div>
      <Typography.Title level={1} className="page-title">
        {r('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{r('intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form<FormShape>
          form={form}
          layout="vertical"
          initialValues={{
            kind: 'merge',
            intoMode: 'new',
            sourceOrgIds: [undefined, undefined],
            targetOrgIds: [undefined],
            newOrg: { kind: 'grassroots' },
          }}
          onValuesChange={(changed) => {
            // Another operation or other orgs: the earlier cell and role choices no longer apply.
            if (
              'kind' in changed ||
              'sourceOrgIds' in changed ||
              'targetOrgIds' in changed ||
              'intoMode' in changed ||
              'newOrgs' in changed
            ) {
              setCells(new Map());
              setRoles(new Map());
            }
          }}
          style={{ maxWidth: 760 }}
        >
          <Form.Item name="kind" label={r('kind')}>
            <Radio.Group
              optionType="button"
              data-testid="reorg-kind"
              options={reorgKinds.map((k) => ({ value: k, label: label(reorgKindLabels[k]) }))}
            />
          </Form.Item>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
            <Form.Item name="effectiveDate" label={r('effectiveDate')} rules={required(r('effectiveDate'))} style={{ minWidth: 180 }}>
              <DatePicker format={DATE_FORMAT} data-testid="reorg-date" id="reorg-date" />
            </Form.Item>
            <Form.Item name="decision" label={r('decision')} rules={required(r('decision'))} style={{ flex: 1, minWidth: 240 }}>
              <Input placeholder={r('decisionPlaceholder')} data-testid="reorg-decision" maxLength={500} />
            </Form.Item>
          </div>
          <Form.Item
            name="sourceOrgIds"
            label={kind === 'merge' ? r('sources.merge') : kind === 'dissolve' ? r('sources.dissolve') : r('sources')}
            rules={[{ validator: async (_, v) => (one(v) ? undefined : Promise.reject(new Error(r('sources')))) }]}
          >
            <OrgListField testId="reorg-source" max={kind === 'merge' ? 100 : 1} aria-label={r('sources')} />
          </Form.Item>
          {kind === 'merge' && (
            <Form.Item name="intoMode" label={r('into')}>
              <Radio.Group
                data-testid="reorg-into"
                options={[
                  { value: 'new', label: r('intoNew') },
                  { value: 'existing', label: r('intoExisting') },
                ]}
              />
            </Form.Item>
          )}
          {kind === 'merge' && intoMode === 'new' && (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
              <Form.Item name={['newOrg', 'parentId']} label={r('newParent')} style={{ flex: 1, minWidth: 240 }}>
                <OrgPicker testId="reorg-new-parent" aria-label={r('newParent')} />
              </Form.Item>
              <Form.Item name={['newOrg', 'kind']} label={r('newKind')} style={{ minWidth: 220 }}>
                <Select options={orgKinds.map((k) => ({ value: k, label: label(orgKindLabels[k]) }))} data-testid="reorg-new-kind" />
              </Form.Item>
              <Form.Item name={['newOrg', 'name']} label={r('newName')} rules={required(r('newName'))} style={{ flex: 2, minWidth: 240 }}>
                <Input data-testid="reorg-new-name" maxLength={200} />
              </Form.Item>
              <Form.Item name={['newOrg', 'code']} label={r('newCode')} rules={required(r('newCode'))} style={{ minWidth: 160 }}>
                <Input data-testid="reorg-new-code" maxLength={40} />
              </Form.Item>
            </div>
          )}
          {((kind === 'merge' && intoMode === 'existing') || kind === 'dissolve' || kind === 'move' || kind === 'split') && (
            <Form.Item
              name="targetOrgIds"
              label={
                kind === 'merge' ? r('successor') : kind === 'dissolve' ? r('dissolveTo') : kind === 'move' ? r('moveTo') : r('splitInto')
              }
              // A split may found all its parts anew (below): the server counts the parts of both.
              rules={[{ validator: async (_, v) => (one(v) || kind === 'split' ? undefined : Promise.reject(new Error(r('successor')))) }]}
            >
              <OrgListField testId="reorg-target" max={kind === 'split' ? 100 : 1} />
            </Form.Item>
          )}
          {kind === 'split' && <NewPartsField />}
          {kind === 'rename' && (
            <Form.Item name="newName" label={r('renameTo')} rules={required(r('renameTo'))}>
              <Input data-testid="reorg-rename" maxLength={200} />
            </Form.Item>
          )}
          {kind === 'change_kind' && (
            <Form.Item name="newKind" label={r('newKind')} rules={required(r('newKind'))}>
              <Select options={orgKinds.map((k) => ({ value: k, label: label(orgKindLabels[k]) }))} data-testid="reorg-change-kind" />
            </Form.Item>
          )}
          <Space wrap>
            <Button
              type={preview ? 'default' : 'primary'}
              onClick={() => void onPreview().catch(() => undefined)}
              loading={runPreview.isPending}
              data-testid="reorg-preview-button"
            >
              {preview ? r('previewAgain') : r('preview')}
            </Button>
            {preview && (
              <Button
                type="primary"
                danger
                onClick={onConfirm}
                disabled={isStale || preview.answer.problems.length > 0 || runPreview.isPending}
                loading={commit.isPending}
                data-testid="reorg-confirm"
              >
                {r('confirm')}
              </Button>
            )}
          </Space>
          {isStale && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={r('stale')} />}
        </Form>
      </Card>
      {preview && (kind === 'merge' || kind === 'split' || kind === 'dissolve') && (
        <MappingSheetActions request={preview.request} onRead={onSheet} disabled={isStale || runPreview.isPending || commit.isPending} />
      )}
      {preview && (
        <ReorgPreviewPanel
          preview={preview.answer}
          newOrgName={kind === 'merge' && intoMode === 'new' ? (newOrgName ?? '') : null}
          newPartNames={kind === 'split' ? (newParts ?? []).map((p, i) => p?.name || r('newPartN', { n: i + 1 })) : []}
          onCell={onCell}
          onRole={onRole}
          isBusy={runPreview.isPending || commit.isPending}
        />
      )}
      <ReorgHistoryCard />
    </div>
  );
}
