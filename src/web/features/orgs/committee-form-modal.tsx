import { useRef, useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Select, Tooltip, Typography, type FormInstance } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal';
import { ApiError } from '../../lib/api';
import { toFormFieldErrors } from '../../lib/form-errors';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { committeeRoleLabels, committeeRoles, positionLabels, positions } from '../../../domain/orgs/org-kinds';
import {
  displayTerm,
  emptyPersonRow,
  moveTarget,
  normalizeTerm,
  termOf,
  toCommitteeFormValues,
  toSaveCommitteeInput,
  type CommitteeFormValues,
} from './committee-form';
import { saveCommittee, type Committee, type OrgDetail } from './orgs.api';

type Props = {
  org: OrgDetail;
  /** The committee to edit; null to record a new one. */
  committee: Committee | null;
  onClose: () => void;
  onSaved: (org: OrgDetail) => void;
};

type RowAction = 'name' | 'title' | 'up' | 'down' | 'remove';

const ROW_GRID = { display: 'grid', gridTemplateColumns: '28px minmax(0, 2fr) minmax(0, 1.5fr) minmax(0, 2fr) 104px', gap: 8 } as const;

/** Form fields the dialog shows; a server error on any other field goes in the alert. */
function isShownField(name: (string | number)[]): boolean {
  if (name.length === 1) return ['role', 'term', 'size'].includes(String(name[0]));
  return name[0] === 'people' && name.length === 3;
}

/**
 * Records a committee (Ban Chấp hành, Ban Thường vụ, Ủy ban Kiểm tra) of an org for a term:
 * its size and its people in order. Every row can be added, removed and moved by keyboard:
 * the buttons are in the tab order, and Alt+↑ / Alt+↓ move the row holding the focus.
 */
export function CommitteeFormModal({ org, committee, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<CommitteeFormValues>();
  const [isSaving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const isEdit = committee !== null;

  const people = Form.useWatch('people', form) ?? [];
  const size = Form.useWatch('size', form) as number | null | undefined;
  const isOverSeats = typeof size === 'number' && people.length > size;

  const initialValues: CommitteeFormValues = committee
    ? toCommitteeFormValues(committee)
    : (() => {
        const term = termOf(new Date());
        const role = committeeRoles.find((r) => !org.committees.some((c) => c.role === r && c.term === term)) ?? 'executive';
        return { role, term, size: null, people: [{ ...emptyPersonRow, position: 'secretary' }] };
      })();

  /** Puts the focus back where the keyboard user was, once React has re-rendered the rows. */
  const focusRow = (index: number, action: RowAction) =>
    requestAnimationFrame(() => {
      const row = listRef.current?.querySelector<HTMLElement>(`[data-row="${index}"]`);
      if (!row) return addRef.current?.focus();
      const target =
        row.querySelector<HTMLElement>(`[data-action="${action}"]:not(:disabled)`) ??
        row.querySelector<HTMLElement>('[data-action="up"]:not(:disabled), [data-action="down"]:not(:disabled)') ??
        row.querySelector<HTMLElement>('[data-action="name"]');
      target?.focus();
    });

  const onFinish = async (values: CommitteeFormValues) => {
    setSaving(true);
    setServerError(null);
    try {
      const input = toSaveCommitteeInput(values);
      const saved = await saveCommittee(org.id, input);
      void message.success(t('orgs.committeeSaved', { role: label(committeeRoleLabels[input.role]), term: displayTerm(input.term) }));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const fields = toFormFieldErrors(e.fields);
        // Server names are plain paths; the typed form instance only knows its own tuples.
        (form as FormInstance).setFields(fields.filter((f) => isShownField(f.name)));
        const others = fields.filter((f) => !isShownField(f.name)).flatMap((f) => f.errors);
        setServerError([e.message, ...others].join(' '));
      } else {
        onError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<CommitteeFormValues>
      title={
        committee
          ? t('orgs.committeeEditTitle', { role: label(committeeRoleLabels[committee.role]), term: displayTerm(committee.term) })
          : t('orgs.committeeCreateTitle', { name: org.name })
      }
      open
      form={form}
      onCancel={onClose}
      onFinish={onFinish}
      isSaving={isSaving}
      initialValues={initialValues}
      width={880}
      testId="committee-form"
    >
      {serverError && (
        <Alert type="error" showIcon title={serverError} role="alert" style={{ marginBottom: 16 }} data-testid="committee-error" />
      )}
      <div style={{ display: 'grid', gridTemplateColumns: '1.4fr 1fr 1fr', gap: 12 }}>
        <Form.Item name="role" label={t('orgs.committeeRole')} rules={[{ required: true }]}>
          <Select disabled={isEdit} options={committeeRoles.map((r) => ({ value: r, label: label(committeeRoleLabels[r]) }))} />
        </Form.Item>
        <Form.Item
          name="term"
          label={t('orgs.committeeTerm')}
          extra={isEdit ? undefined : t('orgs.termHint')}
          dependencies={['role']}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('orgs.committeeTerm').toLowerCase() }) },
            {
              validator: async (_, value: string | undefined) => {
                if (!value?.trim()) return;
                const term = normalizeTerm(value);
                if (term === null) throw new Error(t('orgs.termRule'));
                const role = form.getFieldValue('role') as CommitteeFormValues['role'];
                if (!isEdit && org.committees.some((c) => c.role === role && c.term === term))
                  throw new Error(t('orgs.committeeExists', { role: label(committeeRoleLabels[role]), term: displayTerm(term) }));
              },
            },
          ]}
        >
          <Input disabled={isEdit} placeholder="2025-2030" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="size"
          label={t('orgs.committeeSizeLabel')}
          dependencies={['people']}
          rules={[
            { required: true, message: t('common.required', { field: t('orgs.committeeSizeLabel').toLowerCase() }) },
            {
              validator: async (_, value: number | null | undefined) => {
                const count = (form.getFieldValue('people') as unknown[] | undefined)?.length ?? 0;
                if (typeof value === 'number' && value < count) throw new Error(t('orgs.sizeBelowPeople', { count }));
              },
            },
          ]}
        >
          <InputNumber min={1} max={500} precision={0} style={{ width: '100%' }} autoFocus={isEdit} />
        </Form.Item>
      </div>
      <Typography.Text strong>{t('orgs.people')}</Typography.Text>{' '}
      <Typography.Text type={isOverSeats ? 'danger' : 'secondary'} data-testid="committee-seat-count" aria-live="polite">
        {typeof size === 'number' ? t('orgs.seatCount', { count: people.length, size }) : t('orgs.peopleListed', { count: people.length })}
      </Typography.Text>
      <Form.List name="people">
        {(fields, { add, remove, move }) => {
          const moveRow = (index: number, delta: -1 | 1) => {
            const target = moveTarget(fields.length, index, delta);
            if (target === null) return;
            move(index, target);
            focusRow(target, delta === -1 ? 'up' : 'down');
          };
          const onRowKeyDown = (index: number) => (e: KeyboardEvent<HTMLDivElement>) => {
            if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
            e.preventDefault();
            const target = moveTarget(fields.length, index, e.key === 'ArrowUp' ? -1 : 1);
            if (target === null) return;
            move(index, target);
            // Keep the focus on the same control, now in the row's new place.
            const action = (document.activeElement as HTMLElement | null)?.dataset.action as RowAction | undefined;
            focusRow(target, action ?? 'name');
          };
          return (
            <div ref={listRef} style={{ marginTop: 8 }} data-testid="committee-people">
              {fields.length > 0 && (
                <div style={{ ...ROW_GRID, marginBottom: 4 }} aria-hidden>
                  <span />
                  <Typography.Text type="secondary">{t('orgs.personName')}</Typography.Text>
                  <Typography.Text type="secondary">{t('orgs.position')}</Typography.Text>
                  <Typography.Text type="secondary">{t('orgs.personTitle')}</Typography.Text>
                  <span />
                </div>
              )}
              {fields.map((field, index) => {
                const n = index + 1;
                return (
                  <div
                    key={field.key}
                    role="group"
                    aria-label={t('orgs.rowLabel', { n })}
                    data-row={index}
                    style={ROW_GRID}
                    onKeyDown={onRowKeyDown(index)}
                  >
                    <Typography.Text type="secondary" style={{ lineHeight: '32px', textAlign: 'right' }}>
                      {n}.
                    </Typography.Text>
                    <Form.Item
                      name={[field.name, 'fullName']}
                      style={{ marginBottom: 8 }}
                      rules={[
                        { required: true, whitespace: true, message: t('common.required', { field: t('orgs.personName').toLowerCase() }) },
                        { min: 2, message: t('orgs.personNameMin') },
                        { max: 200 },
                      ]}
                    >
                      <Input aria-label={`${t('orgs.personName')} ${n}`} data-action="name" autoComplete="off" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'position']} style={{ marginBottom: 8 }} rules={[{ required: true }]}>
                      <Select
                        aria-label={`${t('orgs.position')} ${n}`}
                        options={positions.map((p) => ({ value: p, label: label(positionLabels[p]) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'title']} style={{ marginBottom: 8 }} rules={[{ max: 200 }]}>
                      <Input
                        aria-label={`${t('orgs.personTitle')} ${n}`}
                        data-action="title"
                        placeholder={t('orgs.personTitleHint')}
                        autoComplete="off"
                      />
                    </Form.Item>
                    <div style={{ display: 'flex', gap: 4 }}>
                      <Tooltip title={t('orgs.moveUp')}>
                        <Button
                          icon={<ArrowUpOutlined />}
                          aria-label={`${t('orgs.moveUp')} ${n}`}
                          data-action="up"
                          disabled={index === 0}
                          onClick={() => moveRow(index, -1)}
                        />
                      </Tooltip>
                      <Tooltip title={t('orgs.moveDown')}>
                        <Button
                          icon={<ArrowDownOutlined />}
                          aria-label={`${t('orgs.moveDown')} ${n}`}
                          data-action="down"
                          disabled={index === fields.length - 1}
                          onClick={() => moveRow(index, 1)}
                        />
                      </Tooltip>
                      <Tooltip title={t('orgs.removePerson')}>
                        <Button
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`${t('orgs.removePerson')} ${n}`}
                          data-action="remove"
                          onClick={() => {
                            remove(index);
                            focusRow(Math.min(index, fields.length - 2), 'remove');
                          }}
                        />
                      </Tooltip>
                    </div>
                  </div>
                );
              })}
              <Button
                ref={addRef}
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginBottom: 16 }}
                onClick={() => {
                  add({ ...emptyPersonRow });
                  focusRow(fields.length, 'name');
                }}
              >
                {t('orgs.addPerson')}
              </Button>
              {fields.length > 0 && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 16 }}>
                  {t('orgs.reorderHint')}
                </Typography.Text>
              )}
            </div>
          );
        }}
      </Form.List>
    </FormModal>
  );
}
