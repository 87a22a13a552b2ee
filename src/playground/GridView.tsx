import * as React from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { MemoryWorkbook } from './memory-workbook';
import { cellText, type RawCell } from '../core/grid/read';
import { formatNumber, formatPercent } from '../core/numbers/format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, flexGrow: 1 },
  tabs: { display: 'flex', gap: '2px', flexWrap: 'wrap' },
  tab: { border: `1px solid ${tokens.colorNeutralStroke1}`, background: tokens.colorNeutralBackground2, padding: '4px 10px', cursor: 'pointer', fontFamily: 'inherit' },
  active: { background: tokens.colorNeutralBackground1, fontWeight: 'bold', borderBottomColor: tokens.colorNeutralBackground1 },
  scroll: { overflow: 'auto', maxHeight: 'calc(100vh - 120px)', border: `1px solid ${tokens.colorNeutralStroke2}` },
  table: { borderCollapse: 'collapse', fontSize: '12px' },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '2px 6px', whiteSpace: 'nowrap', maxWidth: '28rem', overflow: 'hidden', textOverflow: 'ellipsis' },
  head: { background: tokens.colorNeutralBackground3, fontWeight: 'bold', position: 'sticky', top: 0 },
  input: { width: '7rem', border: 'none', background: '#FFF8E1', fontFamily: 'inherit', fontSize: '12px', padding: '2px' },
});

/** A cell as the sheet shows it; a Persian sheet shows Persian digits (and ٪, ٫). */
export function show(v: RawCell, format: string | undefined, lang: 'fa' | 'en' = 'en'): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return cellText(v);
  const digits = lang === 'fa' ? 'fa' : 'latn';
  if (typeof v === 'number') return format === '0.0%' ? formatPercent(v, digits) : formatNumber(v, digits);
  return String(v);
}

/** The in-memory workbook as people see a spreadsheet: sheet tabs, cells, typing where allowed. */
export function GridView({ workbook }: { workbook: MemoryWorkbook }): React.JSX.Element {
  const styles = useStyles();
  const [, refresh] = React.useReducer((x: number) => x + 1, 0);
  React.useEffect(() => workbook.subscribe(refresh), [workbook]);
  const names = workbook.sheetNames();
  const active = names.includes(workbook.active) ? workbook.active : names[0];
  const view = workbook.view(active);
  const values = workbook.values(active);
  const width = Math.max(0, ...values.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, c) => c).filter((c) => !view.hiddenColumns.has(c));
  const headerRow = view.headerRow;
  const label = (r: number, c: number) => `${show(values[headerRow]?.[c] ?? '', undefined)} · ${show(values[r]?.[view.hiddenColumns.has(0) ? 0 : 1] ?? '', undefined)}`;

  const commit = (r: number, c: number, text: string, before: string) => {
    if (text === before) return;
    workbook.type(active, r, c, text);
  };

  return (
    <section className={styles.root} aria-label="Workbook">
      <div className={styles.tabs} role="tablist" aria-label="Sheets">
        {names.map((n) => (
          <button
            key={n}
            role="tab"
            aria-selected={n === active}
            className={`${styles.tab} ${n === active ? styles.active : ''}`}
            onClick={() => {
              workbook.active = n;
              refresh();
            }}
          >
            {n}
          </button>
        ))}
      </div>
      <div className={styles.scroll}>
        <table className={styles.table} dir={view.rtl ? 'rtl' : 'ltr'} aria-label={active} data-sheet={active}>
          <tbody>
            {values.map((row, r) =>
              view.hiddenRows.has(r) ? null : (
                <tr key={r}>
                  {columns.map((c) => {
                    const text = show(row[c] ?? null, view.formatOf?.(r, c) ?? view.formats.get(c), view.lang);
                    const isHead = r === headerRow && !!view.editable;
                    if (view.editable?.(r, c)) {
                      return (
                        <td key={c} className={styles.cell}>
                          <input
                            key={`${active}-${r}-${c}-${text}`}
                            className={styles.input}
                            defaultValue={text}
                            aria-label={label(r, c)}
                            data-cell={`${r}:${c}`}
                            onBlur={(e) => commit(r, c, e.currentTarget.value, text)}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') commit(r, c, e.currentTarget.value, text);
                            }}
                          />
                        </td>
                      );
                    }
                    const Tag = isHead ? 'th' : 'td';
                    return (
                      <Tag key={c} className={`${styles.cell} ${isHead ? styles.head : ''}`} data-cell={`${r}:${c}`}>
                        {text}
                      </Tag>
                    );
                  })}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
