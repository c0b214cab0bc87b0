import { useState } from 'react';
import { Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../lib/use-debounced';
import type { LinkOption } from './oversight.api';
import { useOversightT } from './oversight.i18n';

type Props = {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Searches the server; the list is already cut to what the save would accept. */
  search: (q: string) => Promise<LinkOption[]>;
  /** Identifies the search in the cache (the kind, the file or program, the subject). */
  cacheKey: readonly unknown[];
  /** Labels of the ids already linked (an edited record), so they read as words, not numbers. */
  known?: LinkOption[];
  disabled?: boolean;
  placeholder?: string;
  'aria-label'?: string;
  testId?: string;
};

/**
 * Picks several records to link (targets, tasks, reports, members, documents): type to search
 * on the server, accents optional; each choice shows where it comes from.
 */
export function LinkPicker(props: Props) {
  const { o } = useOversightT();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(text.trim(), 250);
  const [picked, setPicked] = useState<Map<number, LinkOption>>(() => new Map((props.known ?? []).map((k) => [k.id, k])));
  const hits = useQuery({
    queryKey: ['oversight', 'links', ...props.cacheKey, q],
    queryFn: () => props.search(q),
    enabled: open && !props.disabled,
  });
  const shown = new Map(picked);
  for (const h of hits.data ?? []) shown.set(h.id, h);
  return (
    <Select<number[]>
      mode="multiple"
      data-testid={props.testId}
      aria-label={props['aria-label']}
      disabled={props.disabled}
      placeholder={props.placeholder ?? o('typeToSearch')}
      value={props.value ?? []}
      showSearch={{ searchValue: text, onSearch: setText, filterOption: false, autoClearSearchValue: true }}
      onOpenChange={setOpen}
      loading={hits.isFetching}
      notFoundContent={hits.isFetching ? '…' : o('empty')}
      optionLabelProp="title"
      onChange={(ids) => {
        setPicked((prev) => {
          const next = new Map(prev);
          for (const id of ids) {
            const hit = shown.get(id);
            if (hit) next.set(id, hit);
          }
          return next;
        });
        props.onChange?.(ids);
      }}
      options={[...shown.values()].map((h) => ({
        value: h.id,
        title: h.label,
        label: (
          <div style={{ whiteSpace: 'normal' }}>
            <div>{h.label}</div>
            {h.detail && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.detail}
              </Typography.Text>
            )}
          </div>
        ),
      }))}
      style={{ width: '100%' }}
      popupMatchSelectWidth
    />
  );
}
