import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { commitEventsImport, eventsTemplateUrl, previewEventsImport, registryKeys, type EventImportPreview } from './registry.api';
import { useRegistryT } from './registry.i18n';

type Row = EventImportPreview['rows'][number];

/**
 * Membership events from a workbook: download the template, upload the filled file, read every
 * row's outcome (a bad row names its row and column), then confirm. Nothing is written while a
 * row is wrong; the confirm sends the same file back with the preview's key.
 */
export function EventsImportModal({ onClose }: { onClose: () => void }) {
  const { r } = useRegistryT();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [file, setFile] = useState<File | null>(null);
  const read = useMutation({ mutationFn: previewEventsImport, onError: (e) => onError(e) });
  const write = useMutation({
    mutationFn: () => commitEventsImport(file!, read.data!.key),
    onSuccess: (res) => {
      void message.success(r('eventsWritten', { n: formatVnNumber(res.written) }));
      void qc.invalidateQueries({ queryKey: registryKeys.all });
      onClose();
    },
    onError: (e) => onError(e),
  });
  const preview = read.data;
  return (
    <Modal
      open
      title={r('importTitle')}
      onCancel={onClose}
      width={1000}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.close')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={!preview || preview.counts.error > 0 || preview.counts.total === 0}
          loading={write.isPending}
          onClick={() => write.mutate()}
        >
          {preview ? r('writeEventsN', { n: formatVnNumber(preview.counts.ok) }) : r('writeEvents')}
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {r('importHint')}
        </Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={eventsTemplateUrl()}>
            {r('downloadTemplate')}
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={read.isPending || write.isPending}
            beforeUpload={(f) => {
              setFile(f);
              read.mutate(f);
              // Sent by our own request above, not by Upload's.
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={read.isPending} data-testid="events-import-upload">
              {preview ? r('chooseOtherFile') : r('chooseFile')}
            </Button>
          </Upload>
          {file ? <Typography.Text type="secondary">{file.name}</Typography.Text> : null}
        </Space>
        {preview ? <Outcome preview={preview} /> : null}
      </Space>
    </Modal>
  );
}

function Outcome({ preview }: { preview: EventImportPreview }) {
  const { r } = useRegistryT();
  const { total, ok, error } = preview.counts;
  return (
    <>
      {error > 0 ? (
        <Alert
          type="error"
          showIcon
          message={r('rowsWrong', { bad: formatVnNumber(error), total: formatVnNumber(total) })}
          description={r('rowsWrongHint')}
        />
      ) : (
        <Alert type="success" showIcon message={r('rowsOk', { n: formatVnNumber(ok) })} />
      )}
      <Table<Row>
        rowKey="row"
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={preview.rows}
        columns={[
          { title: r('colRow'), dataIndex: 'row', width: 64 },
          { title: r('event'), dataIndex: 'kindLabel', width: 150, render: (v: string | null) => v ?? '—' },
          { title: r('date'), dataIndex: 'date', width: 110, responsive: ['sm'], render: (v: string | null) => (v ? formatDate(v) : '—') },
          {
            title: r('colMember'),
            key: 'member',
            width: 200,
            // A phone keeps the row, the kind and the outcome side by side: the outcome is what it came for.
            responsive: ['sm'],
            render: (_, x) => (x.memberName ? `${x.memberName} (${x.memberCode})` : x.memberCode || '—'),
          },
          {
            title: r('colOutcome'),
            key: 'outcome',
            render: (_, x) =>
              x.problems.length === 0 ? (
                <Tag color="green">{r('valid')}</Tag>
              ) : (
                <Space direction="vertical" size={2}>
                  {x.problems.map((p) => (
                    <Typography.Text key={p} type="danger">
                      {p}
                    </Typography.Text>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}
