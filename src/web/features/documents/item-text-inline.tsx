import { memo, useState } from 'react';
import { Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useLocale } from '../../app/locale';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { documentKeys, updateItem, type DocumentDetail, type DocumentItem } from './documents.api';
import { L } from './labels';

/**
 * An item's text that turns into an input on click: Enter saves, Shift+Enter breaks the line,
 * Esc cancels. The saved item is written into the cached document instead of refetching the
 * whole document, so an edit in a 200-item resolution costs one small request. A stale version
 * (someone else saved first) shows the conflict message and reloads the document.
 */
export const ItemTextInline = memo(function ItemTextInline({ item, canEdit }: { item: DocumentItem; canEdit: boolean }) {
  const { label } = useLocale();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [draft, setDraft] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const isHeading = item.kind === 'part' || item.kind === 'section';

  const save = async () => {
    const text = (draft ?? '').trim();
    if (!text || text === item.text) {
      setDraft(null);
      return;
    }
    setIsSaving(true);
    try {
      const saved = await updateItem(item.id, { version: item.version, text });
      qc.setQueryData<DocumentDetail>(
        documentKeys.detail(item.documentId),
        (d) => d && { ...d, items: d.items.map((i) => (i.id === item.id ? { ...i, text: saved.text, version: saved.version } : i)) },
      );
      void qc.invalidateQueries({ queryKey: documentKeys.diff(item.documentId) });
      setDraft(null);
    } catch (e) {
      onError(e, {
        onConflict: () => {
          setDraft(null);
          void qc.invalidateQueries({ queryKey: documentKeys.detail(item.documentId) });
        },
      });
    } finally {
      setIsSaving(false);
    }
  };

  if (draft !== null) {
    return (
      <Input.TextArea
        autoFocus
        value={draft}
        disabled={isSaving}
        autoSize={{ minRows: 1, maxRows: 8 }}
        aria-label={label(L.itemText)}
        data-testid={`item-text-input-${item.id}`}
        onChange={(e) => setDraft(e.target.value)}
        // Leaving an unchanged input closes it; a changed one stays open, so nothing typed is lost or saved by accident.
        onBlur={() => {
          if (!isSaving && draft === item.text) setDraft(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setDraft(null);
          } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          }
        }}
      />
    );
  }
  const text = (
    <Typography.Text strong={isHeading}>
      {item.outline} {item.text}
    </Typography.Text>
  );
  if (!canEdit) return text;
  return (
    <span
      role="button"
      tabIndex={0}
      className="item-text-editable"
      title={label(L.clickToEdit)}
      data-testid={`item-text-${item.id}`}
      style={{ cursor: 'text' }}
      onClick={() => setDraft(item.text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'F2') {
          e.preventDefault();
          setDraft(item.text);
        }
      }}
    >
      {text}
    </span>
  );
});
