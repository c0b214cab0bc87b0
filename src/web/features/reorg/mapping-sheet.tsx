import { App, Button, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { downloadMappingSheet, readMappingSheet, type MappingSheet, type ReorgRequestInput } from './reorg.api';
import { useReorgT } from './reorg.i18n';

type Props = {
  /** The operation as last previewed: the template lists its rows, the upload is read against it. */
  request: ReorgRequestInput;
  onRead: (sheet: MappingSheet) => void;
  disabled: boolean;
};

/**
 * The mapping as a spreadsheet, for operations with hundreds of cells or a mapping agreed at a
 * meeting: download it pre-filled, fill "Chuyển về" in Excel, upload it back. The server reads
 * and checks every row (naming row and column of each problem); the page then previews again.
 */
export function MappingSheetActions({ request, onRead, disabled }: Props) {
  const { r } = useReorgT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const download = useMutation({ mutationFn: () => downloadMappingSheet(request), onError: (e) => onError(e) });
  const upload = useMutation({
    mutationFn: (file: File) => readMappingSheet(request, file),
    onSuccess: (sheet) => {
      void message.success(r('sheetRead', { n: sheet.rows }));
      onRead(sheet);
    },
    onError: (e) => onError(e),
  });
  return (
    <div style={{ marginBottom: 12 }} data-testid="reorg-mapping-sheet">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {r('sheetHint')}
      </Typography.Paragraph>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => download.mutate()} loading={download.isPending} disabled={disabled}>
          {r('sheetDownload')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={disabled || upload.isPending}
          beforeUpload={(file) => {
            upload.mutate(file);
            // Read by our own request above, not by Upload's.
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={disabled} data-testid="reorg-mapping-upload">
            {r('sheetUpload')}
          </Button>
        </Upload>
      </Space>
    </div>
  );
}
