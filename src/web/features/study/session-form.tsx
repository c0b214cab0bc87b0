import { DatePicker, Form, Input, Segmented, Select } from 'antd';
import { foldVietnamese } from '../../../domain/vn-text';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../lib/api';
import type { Session, SessionMode } from './study.api';
import { useStudyT } from './study.i18n';

/** The fields a user edits in a session's form; `presenters` is one person a line, "Họ tên — chức vụ". */
export type SessionFormValues = {
  title: string;
  documentIds: number[];
  mode: SessionMode;
  range: [Dayjs, Dayjs];
  videoUrl?: string;
  presenters?: string;
};

const TITLE_SEPARATOR = ' — ';

/** The request body for these values, the same for creating and editing. */
export function sessionBodyOf(v: SessionFormValues) {
  return {
    title: v.title.trim(),
    documentIds: v.documentIds,
    mode: v.mode,
    startsAt: v.range[0].toISOString(),
    endsAt: v.range[1].toISOString(),
    presenters: (v.presenters ?? '')
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf(TITLE_SEPARATOR);
        return at > 0
          ? { fullName: line.slice(0, at).trim(), title: line.slice(at + TITLE_SEPARATOR.length).trim() || undefined }
          : { fullName: line };
      }),
  };
}

/** The form values of a saved session, to edit it. */
export function sessionValuesOf(s: Session): SessionFormValues {
  return {
    title: s.title,
    documentIds: s.documents.map((d) => d.id),
    mode: s.mode,
    range: [dayjs(s.startsAt), dayjs(s.endsAt)],
    videoUrl: s.videoUrl ?? '',
    presenters: s.presenters.map((p) => (p.title ? `${p.fullName}${TITLE_SEPARATOR}${p.title}` : p.fullName)).join('\n'),
  };
}

/**
 * The fields shared by the create and edit forms. `extraDocuments` keeps a session's own
 * documents selectable when they fall outside the first page of the document list.
 */
export function SessionFields({ extraDocuments = [] }: { extraDocuments?: { id: number; symbol: string; title: string }[] }) {
  const { s } = useStudyT();
  const docs = useQuery({
    queryKey: ['study', 'doc-options'],
    queryFn: () => api.get<{ items: { id: number; symbol: string; title: string }[] }>('/documents', { pageSize: 200 }),
  });
  const options = [...(docs.data?.items ?? [])];
  for (const d of extraDocuments) if (!options.some((o) => o.id === d.id)) options.push(d);
  return (
    <>
      <Form.Item
        name="title"
        label={s('sessionName')}
        rules={[
          { required: true, whitespace: true, message: s('sessionNameRequired') },
          { min: 3, message: s('sessionNameRequired') },
        ]}
      >
        <Input placeholder={s('sessionNamePlaceholder')} data-testid="session-title" />
      </Form.Item>
      <Form.Item name="documentIds" label={s('documents')} rules={[{ required: true, message: s('documentsRequired') }]}>
        {/* Like every search of the app, "nghi quyet 01" finds "Nghị quyết 01": marks and đ fold away. */}
        <Select
          mode="multiple"
          showSearch
          loading={docs.isFetching}
          data-testid="session-documents"
          filterOption={(input, option) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input.trim()))}
          options={options.map((d) => ({ value: d.id, label: `${d.symbol} — ${d.title}` }))}
        />
      </Form.Item>
      <Form.Item name="mode" label={s('mode')}>
        <Segmented options={(['online', 'in_person', 'hybrid'] as const).map((m) => ({ value: m, label: s(`modeShort.${m}`) }))} />
      </Form.Item>
      <Form.Item
        name="range"
        label={s('time')}
        rules={[
          { required: true, message: s('timeRequired') },
          {
            validator: (_, v?: [Dayjs, Dayjs] | null) =>
              !v || v[1].isAfter(v[0]) ? Promise.resolve() : Promise.reject(new Error(s('endAfterStart'))),
          },
        ]}
      >
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="videoUrl"
        label={s('videoUrl')}
        extra={s('videoUrlHelp')}
        rules={[{ pattern: /^(https?:\/\/\S+)?$/, message: s('videoUrlInvalid') }]}
      >
        <Input placeholder="https://" />
      </Form.Item>
      <Form.Item name="presenters" label={s('presentersLines')} extra={s('presentersHelp')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}
