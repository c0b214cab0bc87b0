import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { commitEventsImport, eventsTemplateUrl, previewEventsImport, registryKeys, type EventImportPreview } from './registry.api';

type Row = EventImportPreview['rows'][number];

/**
 * Membership events from a workbook: download the template, upload the filled file, read every
 * row's outcome (a bad row names its row and column), then confirm. Nothing is written while a
 * row is wrong; the confirm sends the same file back with the preview's key.
 */
export function EventsImportModal({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [file, setFile] = useState<File | null>(null);
  const read = useMutation({ mutationFn: previewEventsImport, onError: (e) => onError(e) });
  const write = useMutation({
    mutationFn: () => commitEventsImport(file!, read.data!.key),
    onSuccess: (r) => {
      void message.success(`Đã ghi ${formatVnNumber(r.written)} sự kiện vào sổ đảng viên.`);
      void qc.invalidateQueries({ queryKey: registryKeys.all });
      onClose();
    },
    onError: (e) => onError(e),
  });
  const preview = read.data;
  return (
    <Modal
      open
      title="Nhập sự kiện đảng viên từ tệp Excel"
      onCancel={onClose}
      width={1000}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          Đóng
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={!preview || preview.counts.error > 0 || preview.counts.total === 0}
          loading={write.isPending}
          onClick={() => write.mutate()}
        >
          {preview ? `Ghi ${formatVnNumber(preview.counts.ok)} sự kiện` : 'Ghi sự kiện'}
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          Mỗi dòng là một sự kiện: loại (kết nạp, công nhận chính thức, chuyển sinh hoạt đi/đến, xóa tên, khai trừ, ra khỏi Đảng, từ trần,
          miễn sinh hoạt), ngày, mã đảng viên, số và ngày quyết định; chuyển sinh hoạt ghi thêm mã đơn vị đến. Xem trước không ghi gì.
        </Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={eventsTemplateUrl()}>
            Tải tệp mẫu
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
              {preview ? 'Chọn tệp khác' : 'Chọn tệp .xlsx để xem trước'}
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
  const { total, ok, error } = preview.counts;
  return (
    <>
      {error > 0 ? (
        <Alert
          type="error"
          showIcon
          message={`${formatVnNumber(error)} trong ${formatVnNumber(total)} dòng có lỗi: chưa ghi dòng nào.`}
          description="Sửa các ô được chỉ ra trong tệp rồi chọn lại tệp để xem trước."
        />
      ) : (
        <Alert
          type="success"
          showIcon
          message={`${formatVnNumber(ok)} dòng hợp lệ. Bấm “Ghi ${formatVnNumber(ok)} sự kiện” để ghi tất cả.`}
        />
      )}
      <Table<Row>
        rowKey="row"
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={preview.rows}
        columns={[
          { title: 'Dòng', dataIndex: 'row', width: 64 },
          { title: 'Sự kiện', dataIndex: 'kindLabel', width: 150, render: (v: string | null) => v ?? '—' },
          { title: 'Ngày', dataIndex: 'date', width: 110, responsive: ['sm'], render: (v: string | null) => (v ? formatDate(v) : '—') },
          {
            title: 'Đảng viên',
            key: 'member',
            width: 200,
            // A phone keeps the row, the kind and the outcome side by side: the outcome is what it came for.
            responsive: ['sm'],
            render: (_, r) => (r.memberName ? `${r.memberName} (${r.memberCode})` : r.memberCode || '—'),
          },
          {
            title: 'Kết quả',
            key: 'outcome',
            render: (_, r) =>
              r.problems.length === 0 ? (
                <Tag color="green">Hợp lệ</Tag>
              ) : (
                <Space direction="vertical" size={2}>
                  {r.problems.map((p) => (
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
