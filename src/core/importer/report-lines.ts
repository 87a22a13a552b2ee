// The end of an import's report (the command line's and the pane's): where each unit came from, what was not taken for a
// unit, what was left out, and the account in which every table and table row is found again.
import type { ImportAccount, Skipped } from './types';
import { formatNumber } from '../numbers/format';
import { isolate, ltr } from '../numbers/bidi';

type Lang = 'en' | 'fa';

/**
 * Where a line came from, `file:line`. In Persian its line number is in Persian digits and the
 * whole is one left-to-right run, and the codes, ids and texts quoted from the tables are
 * isolated as written: right-to-left text neither reorders them nor moves their hyphens.
 */
const whereIn = (fa: boolean) => (s: { source: string; line: number }) => (fa ? ltr(`${isolate(s.source)}:${formatNumber(s.line, 'fa')}`) : `${s.source}:${s.line}`);

/** Lines of text: the units with their lines, the lines left out with why, then the account. */
export function accountLines(a: ImportAccount, lang: Lang): string[] {
  const fa = lang === 'fa';
  const n = (x: number) => formatNumber(x, fa ? 'fa' : 'latn');
  const where = whereIn(fa);
  const quote = (text: string) => (fa ? isolate(text) : text);
  const out: string[] = [];
  out.push(fa ? 'جدول‌ها، هر یک با سطرش و آنچه از آن شد:' : 'Tables, each with its line and what it became:');
  for (const c of a.codes) {
    const became = c.as === 'indicator' ? quote(c.id ?? '') : c.as === 'continued' ? (fa ? `ادامهٔ ${isolate(c.id ?? '')}` : `continues ${c.id}`) : fa ? 'کنار گذاشته' : 'left out';
    out.push(`  ${where(c)}  ${fa ? ltr(c.code) : c.code} → ${became}`);
  }
  if (a.units.length) {
    out.push(fa ? 'واحدها، هر یک با سطری که آن را داد:' : 'Units, each with the line that gave it:');
    for (const u of a.units) out.push(`  ${where(u)}  ${quote(u.title)}${u.printed ? (fa ? ` (چاپ‌شده: ${isolate(u.printed)})` : ` (printed: ${u.printed})`) : ''}`);
  }
  const list = (title: string, items: Skipped[]) => {
    if (!items.length) return;
    out.push(title);
    for (const s of items) out.push(`  ${where(s)}  '${quote(s.text)}': ${s.reason[lang]}`);
  };
  list(fa ? 'سطرهایی که واحد گرفته نشدند:' : 'Not taken for units:', a.notUnits);
  list(fa ? 'جدول‌های بی‌سطر:' : 'Tables without rows:', a.skippedTables);
  list(fa ? 'سطرهای جدول که خوانده نشدند:' : 'Table rows left out:', a.skippedRows);
  if (a.ignoredLines.length) {
    const shown = a.ignoredLines.slice(0, 20).map(where).join(fa ? '، ' : ', ');
    const more = a.ignoredLines.length > 20 ? (fa ? ` و ${n(a.ignoredLines.length - 20)} سطر دیگر` : ` and ${a.ignoredLines.length - 20} more`) : '';
    out.push(fa ? `شمارهٔ صفحه، تصویر و عدد تنها (داده نیستند): ${n(a.ignoredLines.length)} سطر (${shown}${more})` : `Page numbers, pictures and lone numbers (never data): ${a.ignoredLines.length} line(s) (${shown}${more})`);
  }
  out.push(
    fa
      ? `حساب: ${n(a.tables)} جدول = ${n(a.indicators)} شاخص + ${n(a.continued)} ادامهٔ جدول بالا + ${n(a.skippedTables.length)} بی‌سطر؛ ${n(a.rows)} سطر جدول = ${n(a.rowsRead)} خوانده + ${n(a.skippedRows.length)} کنار گذاشته`
      : `Account: ${a.tables} tables = ${a.indicators} indicators + ${a.continued} continuing the table above + ${a.skippedTables.length} without rows; ${a.rows} table rows = ${a.rowsRead} read + ${a.skippedRows.length} left out`,
  );
  return out;
}
