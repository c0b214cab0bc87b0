import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, Radio, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import { createMember, memberStatuses, statusLabelKey, updateMember, type Member, type MemberStatus } from './members.api';

type Values = {
  orgId?: number;
  code: string;
  fullName: string;
  gender: 'male' | 'female';
  birthDate?: Dayjs | null;
  joinedDate?: Dayjs | null;
  status: MemberStatus;
  isNonStateEnterprise?: boolean;
  phone?: string;
  email?: string;
};

const CODE_RULE = /^[A-Za-z0-9.\-/]+$/;
const PHONE_RULE = /^[0-9 +().-]{8,20}$/;

type Props = {
  /** null: a new member. */
  member: Member | null;
  defaultOrgId?: number;
  onClose: () => void;
  onSaved: (m: Member) => void;
  onConflict: () => void;
};

export function MemberDrawer({ member, defaultOrgId, onClose, onSaved, onConflict }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const isNew = member === null;

  const initialValues: Partial<Values> = member
    ? {
        orgId: member.orgId,
        code: member.code,
        fullName: member.fullName,
        gender: member.gender,
        birthDate: fromIsoDate(member.birthDate),
        joinedDate: fromIsoDate(member.joinedDate),
        status: member.status,
        isNonStateEnterprise: member.isNonStateEnterprise,
        phone: member.phone ?? '',
        email: member.email ?? '',
      }
    : { orgId: defaultOrgId, gender: 'male', status: 'official', isNonStateEnterprise: false };

  const onFinish = async (v: Values) => {
    setSaving(true);
    const input = {
      code: v.code.trim(),
      fullName: v.fullName.trim().replace(/\s+/g, ' '),
      gender: v.gender,
      birthDate: toIsoDate(v.birthDate),
      joinedDate: toIsoDate(v.joinedDate),
      status: v.status,
      isNonStateEnterprise: v.isNonStateEnterprise ?? false,
      phone: v.phone?.trim() || null,
      email: v.email?.trim() || null,
    };
    try {
      const saved = member
        ? await updateMember(member.id, { ...input, version: member.version })
        : await createMember({ ...input, orgId: v.orgId! });
      void message.success(member ? t('members.updated') : t('members.created'));
      onSaved(saved);
    } catch (e) {
      onError(e, { form, onConflict });
    } finally {
      setSaving(false);
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field: field.toLowerCase() }) });

  return (
    <Drawer
      open
      size={520}
      title={isNew ? t('members.addTitle') : t('members.editTitle')}
      onClose={onClose}
      destroyOnHidden
      maskClosable={!isSaving}
      data-testid="member-drawer"
    >
      <Form<Values>
        name="member"
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => void onFinish(v)}
        disabled={isSaving}
        scrollToFirstError
      >
        {isNew && (
          <Form.Item
            name="orgId"
            label={t('members.org')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('members.org').toLowerCase() }) }]}
          >
            <OrgPicker testId="member-org" />
          </Form.Item>
        )}
        <Form.Item
          name="fullName"
          label={t('members.fullName')}
          rules={[required(t('members.fullName')), { min: 2, message: t('members.nameMin') }, { max: 120 }]}
        >
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item
            name="code"
            label={t('members.code')}
            rules={[
              required(t('members.code')),
              { pattern: CODE_RULE, message: t('members.codeRule') },
              { min: 3, max: 30, message: t('members.codeRule') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="gender" label={t('members.gender')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'male', label: t('members.male') },
                { value: 'female', label: t('members.female') },
              ]}
            />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item name="birthDate" label={t('members.birthDate')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="dd/mm/yyyy" />
          </Form.Item>
          <Form.Item
            name="joinedDate"
            label={t('members.joinedDate')}
            dependencies={['birthDate']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null | undefined) => {
                  const birth = getFieldValue('birthDate') as Dayjs | null | undefined;
                  return value && birth && !value.isAfter(birth)
                    ? Promise.reject(new Error(t('members.joinedBeforeBirth')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="dd/mm/yyyy" />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item name="status" label={t('members.status')} rules={[{ required: true }]}>
            <Select options={memberStatuses.map((s) => ({ value: s, label: t(statusLabelKey[s]) }))} />
          </Form.Item>
          <Form.Item name="isNonStateEnterprise" label={t('members.nonState')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item name="phone" label={t('members.phone')} rules={[{ pattern: PHONE_RULE, message: t('members.phoneInvalid') }]}>
            <Input inputMode="tel" autoComplete="off" />
          </Form.Item>
          <Form.Item name="email" label={t('members.email')} rules={[{ type: 'email', message: t('members.emailInvalid') }]}>
            <Input inputMode="email" autoComplete="off" />
          </Form.Item>
        </div>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} disabled={false}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </Drawer>
  );
}
