import { useMemo } from 'react';
import { segmentText, type ReviewRow } from './review-rows';

/**
 * The text the items were read from, each item's words marked: accepted items green, the row
 * under the pointer brighter, the selected row outlined. Clicking marked words selects the row.
 */
export function SourceText(props: {
  text: string;
  rows: readonly ReviewRow[];
  activeKey: string | null;
  hoverKey: string | null;
  onSelect: (key: string) => void;
  onHover: (key: string | null) => void;
  label: string;
}) {
  const { text, rows } = props;
  const visible = useMemo(() => rows.filter((r) => !r.isDropped), [rows]);
  const segments = useMemo(() => segmentText(text.length, visible), [text, visible]);
  const byKey = useMemo(() => new Map(rows.map((r) => [r.key, r])), [rows]);
  const seen = new Set<string>();
  return (
    <div className="extract-source" data-testid="extract-source" aria-label={props.label} tabIndex={0}>
      {segments.map((s) => {
        const piece = text.slice(s.start, s.end);
        if (s.keys.length === 0) return <span key={s.start}>{piece}</span>;
        // The innermost item (the last to start) owns the piece: a target inside a task's sentence.
        const key = s.keys[s.keys.length - 1]!;
        const isFirst = !seen.has(key);
        seen.add(key);
        const classes = ['extract-mark'];
        if (s.keys.some((k) => byKey.get(k)?.isAccepted)) classes.push('is-accepted');
        if (props.hoverKey !== null && s.keys.includes(props.hoverKey)) classes.push('is-hover');
        if (props.activeKey !== null && s.keys.includes(props.activeKey)) classes.push('is-active');
        return (
          <mark
            key={s.start}
            id={isFirst ? `extract-src-${key}` : undefined}
            data-testid={isFirst ? `extract-src-${key}` : undefined}
            className={classes.join(' ')}
            onClick={() => props.onSelect(key)}
            onMouseEnter={() => props.onHover(key)}
            onMouseLeave={() => props.onHover(null)}
          >
            {piece}
          </mark>
        );
      })}
    </div>
  );
}
