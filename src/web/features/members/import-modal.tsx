import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Result, Segmented, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import {
  commitImport,
  fetchImportRows,
  importTemplateUrl,
  memberKeys,
  previewImport,
  type ImportAction,
  type ImportPreview,
  type ImportRow,
} from './members.api';

const actionColor: Record<ImportAction, string> = { create: 'green', update: 'blue', unchanged: 'default', error: 'red' };

type Props = { defaultOrgId?: number; onClose: () => void; onImported: () => void };

/** Upload → preview (nothing written) → confirm → result. */
export function ImportModal({ defaultOrgId, onClose, onImported }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [orgId, setOrgId] = useState<number | undefined>(defaultOrgId);
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<{ created: number; updated: number } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [filter, setFilter] = useState<ImportAction | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [fileError, setFileError] = useState<string | null>(null);

  const step = result ? 2 : preview ? 1 : 0;

  const rows = useQuery({
    queryKey: memberKeys.importRows(preview?.importId ?? '', filter, page.page, page.pageSize),
    queryFn: () => fetchImportRows(preview!.importId, filter, page.page, page.pageSize),
    enabled: preview !== null && result === null,
    placeholderData: keepPreviousData,
  });

  const onPreview = async () => {
    // The missing org is pointed out once the user tries to go on, not as the dialog opens.
    setTried(true);
    if (!file) {
      setFileError(t('import.fileRequired'));
      return;
    }
    if (!orgId) return;
    setBusy(true);
    try {
      const p = await previewImport(orgId, file);
      setPreview(p);
      setFilter(p.counts.error > 0 ? 'error' : 'all');
      setPage({ page: 1, pageSize: 10 });
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const onCommit = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await commitImport(preview.importId);
      setResult(r);
      void message.success(t('import.committed', { created: formatVnNumber(r.created), updated: formatVnNumber(r.updated) }));
      onImported();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setPreview(null);
    setResult(null);
    setFile(null);
  };

  const columns = [
    { title: t('import.row'), dataIndex: 'row', width: 70 },
    {
      title: t('import.action'),
      dataIndex: 'action',
      width: 110,
      render: (a: ImportAction) => <Tag color={actionColor[a]}>{t(`import.${a}`)}</Tag>,
    },
    { title: t('members.code'), dataIndex: 'code', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('members.fullName'), dataIndex: 'fullName', render: (v: string | null) => v ?? '—' },
    { title: t('import.orgCode'), dataIndex: 'orgCode', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('import.reasons'),
      key: 'reasons',
      render: (_: unknown, r: ImportRow) => (
        <div data-testid={r.action === 'error' ? 'import-row-error' : undefined}>
          {r.errors.map((e, i) => (
            <div key={`e${i}`}>
              <Typography.Text type="danger">{e}</Typography.Text>
            </div>
          ))}
          {r.changes.map((c, i) => (
            <div key={`c${i}`}>
              <Typography.Text type="secondary">{c}</Typography.Text>
            </div>
          ))}
        </div>
      ),
    },
  ];

  return (
    <Modal
      open
      title={t('import.title')}
      onCancel={onClose}
      footer={null}
      width={960}
      destroyOnHidden
      maskClosable={!isBusy}
      data-testid="import-modal"
    >
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: t('import.stepUpload') }, { title: t('import.stepPreview') }, { title: t('import.stepResult') }]}
      />

      {step === 0 && (
        <Form name="import" layout="vertical" onFinish={() => void onPreview()} disabled={isBusy}>
          <Form.Item
            label={t('import.org')}
            extra={t('import.orgHint')}
            required
            validateStatus={orgId || !tried ? undefined : 'error'}
            help={orgId || !tried ? undefined : t('common.requiredSelect', { field: t('import.org').toLowerCase() })}
          >
            <OrgPicker value={orgId} onChange={(id) => setOrgId(id)} testId="import-org" />
          </Form.Item>
          <Form.Item label={t('import.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              multiple={false}
              fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              beforeUpload={(f) => {
                if (!/\.xlsx$/i.test(f.name)) {
                  setFileError(t('import.wrongType'));
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                setFileError(null);
                return false;
              }}
              onRemove={() => setFile(null)}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <a href={importTemplateUrl()} download>
              {t('members.template')}
            </a>
            <Space>
              <Button onClick={onClose} disabled={false}>
                {t('common.cancel')}
              </Button>
              <Button type="primary" htmlType="submit" loading={isBusy} disabled={!orgId}>
                {t('import.preview')}
              </Button>
            </Space>
          </Space>
        </Form>
      )}

      {step === 1 && preview && (
        <div data-testid="import-preview">
          <Typography.Paragraph>
            <Typography.Text strong>{preview.fileName}</Typography.Text>
          </Typography.Paragraph>
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            <Statistic title={t('import.counts')} value={formatVnNumber(preview.counts.total)} />
            <Statistic
              title={t('import.create')}
              value={formatVnNumber(preview.counts.create)}
              styles={{ content: { color: '#389e0d' } }}
            />
            <Statistic
              title={t('import.update')}
              value={formatVnNumber(preview.counts.update)}
              styles={{ content: { color: '#0958d9' } }}
            />
            <Statistic title={t('import.unchanged')} value={formatVnNumber(preview.counts.unchanged)} />
            <Statistic
              title={t('import.error')}
              value={formatVnNumber(preview.counts.error)}
              styles={{ content: { color: preview.counts.error ? '#cf1322' : undefined } }}
            />
          </Space>
          {preview.counts.error > 0 ? (
            <Alert
              type="error"
              showIcon
              title={t('import.hasErrors', { count: formatVnNumber(preview.counts.error) })}
              style={{ marginBottom: 12 }}
            />
          ) : (
            <Alert type="info" showIcon title={t('import.nothingWritten')} style={{ marginBottom: 12 }} />
          )}
          <Segmented
            value={filter}
            onChange={(v) => {
              setFilter(v as ImportAction | 'all');
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'all', label: `${t('common.all')} (${formatVnNumber(preview.counts.total)})` },
              { value: 'create', label: `${t('import.create')} (${formatVnNumber(preview.counts.create)})` },
              { value: 'update', label: `${t('import.update')} (${formatVnNumber(preview.counts.update)})` },
              { value: 'unchanged', label: `${t('import.unchanged')} (${formatVnNumber(preview.counts.unchanged)})` },
              { value: 'error', label: `${t('import.error')} (${formatVnNumber(preview.counts.error)})` },
            ]}
            style={{ marginBottom: 12 }}
          />
          <Table<ImportRow>
            size="small"
            rowKey="row"
            columns={columns}
            dataSource={rows.data?.items ?? []}
            loading={rows.isFetching}
            locale={{ emptyText: rows.isError ? rows.error.message : t('common.noResults') }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: rows.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              onChange: (p, s) => setPage({ page: s === page.pageSize ? p : 1, pageSize: s }),
            }}
            scroll={{ y: 320 }}
          />
          <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 12 }}>
            <Button onClick={reset} disabled={isBusy}>
              {t('import.back')}
            </Button>
            <Space>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button
                type="primary"
                onClick={() => void onCommit()}
                loading={isBusy}
                disabled={preview.counts.error > 0 || preview.counts.create + preview.counts.update === 0}
              >
                {t('import.commit')}
              </Button>
            </Space>
          </Space>
        </div>
      )}

      {step === 2 && result && (
        <Result
          status="success"
          title={t('import.committed', { created: formatVnNumber(result.created), updated: formatVnNumber(result.updated) })}
          extra={[
            <Button key="again" onClick={reset}>
              {t('import.again')}
            </Button>,
            <Button key="close" type="primary" onClick={onClose} autoFocus>
              {t('common.close')}
            </Button>,
          ]}
        />
      )}
    </Modal>
  );
}
