import { useState } from 'react';
import { Alert, App, Button, List, Typography, Upload } from 'antd';
import { FilePdfOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale } from '../../app/locale';
import { ApiError } from '../../lib/api';
import { formatDateTime, formatVnNumber } from '../../lib/format';
import { documentKeys, fileUrl, uploadDocumentFile, type DocumentDetail } from './documents.api';
import { fill, L } from './labels';

/** The server's multipart limit (app.ts): checked here first so a 60 MB scan fails at once. */
export const MAX_FILE_MB = 50;
const ACCEPT = '.pdf,.docx,.doc,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword';

/** Why a file cannot be attached, in the user's language; null when it can. */
export function fileProblem(file: { name: string; size: number }, label: (l: { vi: string; en: string }) => string): string | null {
  if (!/\.(pdf|docx?)$/i.test(file.name)) return fill(label(L.fileWrongType), { name: file.name });
  if (file.size === 0) return fill(label(L.fileEmpty), { name: file.name });
  if (file.size > MAX_FILE_MB * 1024 * 1024) {
    return fill(label(L.fileTooLarge), {
      name: file.name,
      size: formatVnNumber(Math.round((file.size / 1024 / 1024) * 10) / 10),
      max: MAX_FILE_MB,
    });
  }
  return null;
}

/** The signed copies of a document: download them, or attach one (PDF or Word). */
export function FilesPanel({ doc }: { doc: DocumentDetail }) {
  const { label } = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadDocumentFile(doc.id, file),
    onSuccess: (f) => {
      setError(null);
      void message.success(fill(label(L.uploaded), { name: f.fileName }));
      void qc.invalidateQueries({ queryKey: documentKeys.detail(doc.id) });
    },
    // The server answers in the language of the request (Accept-Language), so its text is shown as is.
    onError: (e) =>
      setError(
        e instanceof ApiError
          ? [e.message, ...e.fields.map((f) => f.message)].filter((m, i, all) => all.indexOf(m) === i).join(' ')
          : String(e),
      ),
  });

  return (
    <div data-testid="files-panel">
      {doc.abilities.attach && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          multiple={false}
          beforeUpload={(file) => {
            const problem = fileProblem(file, label);
            if (problem) setError(problem);
            else upload.mutate(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="upload-file" style={{ marginBottom: 8 }}>
            {label(L.upload)}
          </Button>
        </Upload>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 8 }}
          message={error}
          data-testid="upload-error"
        />
      )}
      <List
        size="small"
        dataSource={doc.files}
        locale={{ emptyText: 'Chưa có tệp đính kèm.' }}
        renderItem={(f) => (
          <List.Item>
            <List.Item.Meta
              avatar={
                /\.pdf$/i.test(f.fileName) ? (
                  <FilePdfOutlined style={{ fontSize: 20, color: '#cf1322' }} />
                ) : (
                  <FileWordOutlined style={{ fontSize: 20, color: '#1d39c4' }} />
                )
              }
              title={<a href={fileUrl(doc.id, f.id)}>{f.fileName}</a>}
              description={
                <Typography.Text type="secondary">
                  {formatVnNumber(Math.max(1, Math.round(f.sizeBytes / 1024)))} KB · {label(L.uploadedAt)} {formatDateTime(f.createdAt)}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}
