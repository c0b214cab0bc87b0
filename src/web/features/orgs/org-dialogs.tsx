import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal';
import { DATE_FORMAT, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { orgKindLabels, orgKinds, type OrgKind } from '../../../domain/orgs/org-kinds';
import { OrgPicker } from './org-picker';
import { isSelfOrDescendant } from './tree-helpers';
import { closeOrg, createOrg, moveOrg, updateOrg, type OrgDetail, type OrgSummary } from './orgs.api';

const CODE_RULE = /^[A-Za-z0-9._-]+$/;

type OrgFormValues = {
  code: string;
  name: string;
  kind: OrgKind;
  headName?: string;
  headTitle?: string;
  isNonStateEnterprise?: boolean;
  validFrom?: Dayjs | null;
};

/** The kind a new child most likely has, given its parent's kind. */
function likelyChildKind(parent: OrgKind): OrgKind {
  switch (parent) {
    case 'central':
      return 'province_committee';
    case 'province_committee':
      return 'commune_committee';
    case 'district_committee':
      return 'commune_committee';
    case 'commune_committee':
    case 'bloc_committee':
      return 'grassroots';
    default:
      return 'cell';
  }
}

type OrgFormProps = {
  open: boolean;
  onClose: () => void;
  onSaved: (org: OrgDetail) => void;
  onConflict: () => void;
} & ({ mode: 'create'; parent: OrgSummary } | { mode: 'edit'; org: OrgDetail });

export function OrgFormModal(props: OrgFormProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<OrgFormValues>();
  const [isSaving, setSaving] = useState(false);

  const initialValues: Partial<OrgFormValues> =
    props.mode === 'edit'
      ? {
          code: props.org.code,
          name: props.org.name,
          kind: props.org.kind,
          headName: props.org.headName ?? '',
          headTitle: props.org.headTitle ?? '',
          isNonStateEnterprise: props.org.isNonStateEnterprise,
        }
      : { kind: likelyChildKind(props.parent.kind), isNonStateEnterprise: false, validFrom: dayjs() };

  const onFinish = async (v: OrgFormValues) => {
    setSaving(true);
    const common = {
      code: v.code.trim(),
      name: v.name.trim(),
      kind: v.kind,
      headName: v.headName?.trim() || null,
      headTitle: v.headTitle?.trim() || null,
      isNonStateEnterprise: v.isNonStateEnterprise ?? false,
    };
    try {
      const saved =
        props.mode === 'create'
          ? await createOrg({ ...common, parentId: props.parent.id, validFrom: toIsoDate(v.validFrom) })
          : await updateOrg(props.org.id, { ...common, version: props.org.version });
      void message.success(props.mode === 'create' ? t('orgs.created') : t('common.saved'));
      props.onSaved(saved);
    } catch (e) {
      onError(e, {
        form,
        onConflict: () => {
          props.onConflict();
          props.onClose();
        },
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<OrgFormValues>
      title={props.mode === 'create' ? t('orgs.createChildOf', { name: props.parent.name }) : t('orgs.editTitle', { name: props.org.name })}
      open={props.open}
      form={form}
      onCancel={props.onClose}
      onFinish={onFinish}
      isSaving={isSaving}
      initialValues={initialValues}
      testId="org-form"
    >
      <Form.Item
        name="name"
        label={t('orgs.name')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('orgs.name').toLowerCase() }) },
          { min: 2, message: t('orgs.nameMin') },
          { max: 300 },
        ]}
      >
        <Input autoFocus />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1.4fr', gap: 12 }}>
        <Form.Item
          name="code"
          label={t('orgs.code')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('orgs.code').toLowerCase() }) },
            { pattern: CODE_RULE, message: t('orgs.codeRule') },
            { max: 40 },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
          <Select options={orgKinds.map((k) => ({ value: k, label: label(orgKindLabels[k]) }))} />
        </Form.Item>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <Form.Item name="headName" label={t('orgs.headName')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="headTitle" label={t('orgs.headTitle')} rules={[{ max: 200 }]}>
          <Input placeholder={label({ vi: 'Bí thư', en: 'Secretary' })} />
        </Form.Item>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        {props.mode === 'create' && (
          <Form.Item name="validFrom" label={t('orgs.validFrom')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="isNonStateEnterprise" label={t('orgs.nonState')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </div>
    </FormModal>
  );
}

type MoveProps = {
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
  onMoved: (oldParentId: number | null, org: OrgDetail) => void;
  onConflict: () => void;
};

/** "Choose a new parent": the keyboard way to do what dragging in the tree does. */
export function MoveOrgModal({ org, open, onClose, onMoved, onConflict }: MoveProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ newParentId: number }>();
  const [isSaving, setSaving] = useState(false);

  const onFinish = async (v: { newParentId: number }) => {
    setSaving(true);
    try {
      const moved = await moveOrg(org.id, org.version, v.newParentId);
      void message.success(t('orgs.moved'));
      onMoved(org.parentId, moved);
    } catch (e) {
      onError(e, { form, onConflict: () => (onConflict(), onClose()) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<{ newParentId: number }>
      title={t('orgs.moveTitle', { name: org.name })}
      open={open}
      form={form}
      onCancel={onClose}
      onFinish={onFinish}
      isSaving={isSaving}
      submitText={t('orgs.move')}
      testId="move-org-form"
    >
      {org.ancestors.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('orgs.path')}: {org.ancestors.map((a) => a.name).join(' › ')}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="newParentId"
        label={t('orgs.newParent')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('orgs.newParent').toLowerCase() }) }]}
      >
        <OrgPicker autoFocus isDisabled={(o) => isSelfOrDescendant(org.path, o.path) || o.id === org.parentId || o.isClosed} />
      </Form.Item>
    </FormModal>
  );
}

type CloseProps = { org: OrgDetail; open: boolean; onClose: () => void; onClosed: (org: OrgDetail) => void; onConflict: () => void };

export function CloseOrgModal({ org, open, onClose, onClosed, onConflict }: CloseProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ validTo: Dayjs }>();
  const [isSaving, setSaving] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue({ validTo: dayjs() });
  }, [open, form]);

  const onFinish = async (v: { validTo: Dayjs }) => {
    setSaving(true);
    try {
      const closed = await closeOrg(org.id, org.version, v.validTo.format('YYYY-MM-DD'));
      void message.success(t('orgs.closedDone'));
      onClosed(closed);
    } catch (e) {
      onError(e, { form, onConflict: () => (onConflict(), onClose()) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<{ validTo: Dayjs }>
      title={t('orgs.closeTitle', { name: org.name })}
      open={open}
      form={form}
      onCancel={onClose}
      onFinish={onFinish}
      isSaving={isSaving}
      submitText={t('orgs.close')}
      isDanger
      testId="close-org-form"
    >
      <Alert type="info" showIcon title={t('orgs.closeHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="validTo"
        label={t('orgs.validTo')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('orgs.validTo').toLowerCase() }) }]}
      >
        <DatePicker format={DATE_FORMAT} autoFocus disabledDate={(d) => d.isBefore(dayjs(org.validFrom), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
