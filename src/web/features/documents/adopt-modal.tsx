import { DatePicker, Descriptions, Form, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { FormModal } from '../../components/form-modal';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { vnToday } from '../../../domain/vn-time';
import { adoptDocument, type DocumentDetail } from './documents.api';
import { L } from './labels';

/**
 * Adopting a draft asks for what the issued paper carries: its number and symbol (shown, as the
 * office numbers it) and its issue date (today in Vietnam unless the paper says otherwise).
 */
export function AdoptModal(props: { doc: DocumentDetail; open: boolean; onClose: () => void; onAdopted: () => void }) {
  const { label } = useLocale();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ issueDate: Dayjs }>();
  const adopt = useMutation({
    mutationFn: (v: { issueDate: Dayjs }) => adoptDocument(props.doc.id, props.doc.version, v.issueDate.format('YYYY-MM-DD')),
    onSuccess: () => {
      props.onClose();
      props.onAdopted();
    },
    onError: (e) => onError(e, { form, onConflict: props.onAdopted }),
  });
  return (
    <FormModal<{ issueDate: Dayjs }>
      title={label(L.adoptTitle)}
      open={props.open}
      form={form}
      onCancel={props.onClose}
      onFinish={(v) => adopt.mutate(v)}
      isSaving={adopt.isPending}
      submitText={label(L.adopt)}
      initialValues={{ issueDate: dayjs(vnToday()) }}
      testId="adopt-form"
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={label(L.symbol)}>{props.doc.symbol}</Descriptions.Item>
        <Descriptions.Item label={label(L.term)}>{props.doc.term}</Descriptions.Item>
      </Descriptions>
      <Form.Item name="issueDate" label={label(L.issueDate)} rules={[{ required: true }]}>
        <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{label(L.adoptHint)}</Typography.Paragraph>
    </FormModal>
  );
}
