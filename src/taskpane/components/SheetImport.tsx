import * as React from 'react';
import { Button, Caption1, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { WorkbookGateway } from '../../excel/gateway';
import { importTables, type ImportResult } from '../../core/importer/importer';
import { stringifyPlan } from '../../core/plan/canonical-json';
import { number, type Strings } from '../i18n';
import { isolate, ltr, readable } from '../../core/numbers/bidi';
import type { Lang } from '../../runtime/plan-store';
import { accountLines } from '../../core/importer/report-lines';
import type { PlanSource } from './OpenPlan';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, maxHeight: '16rem', overflowY: 'auto' },
});

/** The active sheet's pasted plan tables through the importer: the report first, then the choice. */
export function SheetImport({ gateway, t, lang, busy, onOpen }: { gateway: WorkbookGateway; t: Strings; lang: Lang; busy: boolean; onOpen: (s: PlanSource) => void }): React.JSX.Element {
  const styles = useStyles();
  const [result, setResult] = React.useState<{ sheet: string; import: ImportResult } | undefined>(undefined);
  const read = async () => {
    const { name, rows } = await gateway.readActiveSheet();
    setResult({ sheet: name, import: importTables([{ source: name, rows }], { id: 'imported' }) });
  };
  return (
    <section className={styles.box}>
      <Caption1>{t.sheetImportHelp}</Caption1>
      <Button disabled={busy} onClick={() => void read()}>
        {t.readSheet}
      </Button>
      {result && (
        <>
          <Text weight="semibold">{t.importReport(result.import.stats)}</Text>
          {result.import.stats.indicators === 0 && (
            <MessageBar intent="error">
              <MessageBarBody>{t.sheetNoTable}</MessageBarBody>
            </MessageBar>
          )}
          {result.import.anomalies.length > 0 && (
            <>
              <Text>{t.interpreted(result.import.anomalies.length)}</Text>
              <ul className={styles.list} aria-label={t.interpreted(result.import.anomalies.length)}>
                {result.import.anomalies.map((a, i) => (
                  <li key={i}>
                    {ltr(`${isolate(result.sheet)}:${number(a.line, lang)}`)} {a.ref ? ltr(a.ref) : ''}: {isolate(a.found)} → {readable(a.reading, lang)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {/* Where every unit came from, what was left out, and the account that finds every table and row again. */}
          <ul className={styles.list} aria-label={t.importReport(result.import.stats)}>
            {accountLines(result.import.account, lang).map((line, i) => (
              <li key={i}>{readable(line, lang)}</li>
            ))}
          </ul>
          <Button
            appearance="primary"
            disabled={busy || result.import.stats.indicators === 0}
            onClick={() => onOpen({ name: result.sheet, read: async () => stringifyPlan(result.import.plan) })}
          >
            {t.useThisPlan}
          </Button>
        </>
      )}
    </section>
  );
}
