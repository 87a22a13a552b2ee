import * as React from 'react';
import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import type { Lang } from '../../runtime/plan-store';
import type { Status } from '../../core/achievement/achievement';
import type { Budget } from '../../core/achievement/budget';
import type { ReportRow } from '../../core/report/report';
import { realizationText } from '../../core/report/realization-text';
import { number, percent, type Strings } from '../i18n';

const STATUS_COLOR: Record<Status, 'success' | 'warning' | 'danger' | 'informative'> = { green: 'success', amber: 'warning', red: 'danger', '': 'informative' };
/** A shape per status, so that it reads in grey print and without colour vision. */
const MARK: Record<Status, string> = { green: '●', amber: '▲', red: '■', '': '○' };

/** Achievement as a badge coloured by its status; `words` adds the status's mark and word (pages, print). */
export function StatusBadge({ status, value, lang, t, words = false }: { status: Status; value: number | null; lang: Lang; t: Strings; words?: boolean }): React.JSX.Element {
  return (
    <Badge appearance={words ? 'tint' : 'filled'} color={STATUS_COLOR[status]} aria-label={words ? undefined : `${t.status}: ${t.statusNames[status]}`}>
      {words ? `${MARK[status]} ${percent(value, lang)} · ${t.statusNames[status]}` : percent(value, lang)}
    </Badge>
  );
}

/** Budget realization, always with the spent and planned it divides and their years. */
export const realizationShown = (b: Budget, lang: Lang) => realizationText(b.realization, b.basis, lang, lang === 'fa' ? 'fa' : 'latn') || percent(null, lang);

interface Props {
  rows: readonly ReportRow[];
  lang: Lang;
  t: Strings;
  /** The table's name, and its first column's heading. */
  label: string;
  groupHeading: string;
  words?: boolean;
}

/** A report's rows: each group's achievement (with status), how many indicators report, and budget realization. */
export function ReportTable({ rows, lang, t, label, groupHeading, words }: Props): React.JSX.Element {
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{groupHeading}</TableHeaderCell>
          <TableHeaderCell>{t.achievement}</TableHeaderCell>
          <TableHeaderCell>{t.reporting}</TableHeaderCell>
          <TableHeaderCell>{t.budgetRealization}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key || '-'} data-testid={`wg-${row.key}`}>
            <TableCell>
              <Text>{lang === 'en' ? row.titleEn ?? row.title : row.title}</Text>
            </TableCell>
            <TableCell>
              <StatusBadge status={row.status} value={row.achievement} lang={lang} t={t} words={words} />
            </TableCell>
            <TableCell>
              {number(row.reporting, lang)}/{number(row.indicators, lang)}
            </TableCell>
            <TableCell data-testid="realization">{realizationShown(row.budget, lang)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
