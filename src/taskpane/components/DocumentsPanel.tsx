import * as React from 'react';
import { Button, Dropdown, Field, MessageBar, MessageBarBody, Option, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { PlanIndex } from '../../core/plan/plan-index';
import type { Lang } from '../../runtime/plan-store';
import { councilReport } from '../../core/report/council';
import { formEntries } from '../../core/forms/indicator-form';
import { councilDocx, type Rasterize } from '../../docs/council-docx';
import { planFormsDocx } from '../../docs/form-docx';
import { docStyle } from '../../docs/docx-kit';
import { planLang } from '../../core/grid/labels';
import { number, type Strings } from '../i18n';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocumentsProps {
  index: PlanIndex;
  lang: Lang;
  t: Strings;
  /** Saves a file for the user (a download where the host allows one). */
  saveBytes: (name: string, bytes: Uint8Array, type: string) => void;
  /** Draws a chart's SVG as PNG (a canvas in the browser). */
  rasterize: Rasterize;
  /** The documents' date (default: now). */
  now?: () => Date;
}

/**
 * Documents to print from the plan: the council report by working group and the indicator ID
 * forms of a unit (or all), as Word files in the plan's language, made in the pane as the command
 * line makes them. Office gives an add-in no PDF printer; Word prints these as they are.
 */
export function DocumentsPanel({ index, lang, t, saveBytes, rasterize, now = () => new Date() }: DocumentsProps): React.JSX.Element {
  const styles = useStyles();
  const [unit, setUnit] = React.useState<string>('');
  const [busy, setBusy] = React.useState<'report' | 'forms' | undefined>(undefined);
  const [said, setSaid] = React.useState<{ ok: boolean; text: string } | undefined>(undefined);
  const units = (index.plan.units ?? []).filter((u) => formEntries(index, u.id).length > 0);
  const unitName = (id: string) => {
    const u = units.find((x) => x.id === id);
    return u ? (lang === 'en' ? u.titleEn ?? u.title : u.title) : t.docsAllUnits;
  };
  const id = index.plan.meta.id;
  // The documents follow the plan's language, as the command line's do, whatever the pane shows.
  const style = docStyle(planLang(index));

  const make = async (what: 'report' | 'forms') => {
    setBusy(what);
    setSaid(undefined);
    try {
      if (what === 'report') {
        const rep = councilReport(index, 'workingGroup', 'cumulative');
        saveBytes(`${id}.council-report.docx`, await councilDocx(index, rep, { style, date: now(), rasterize }), DOCX_TYPE);
        setSaid({ ok: true, text: t.docsReportDone(rep.sections.length) });
      } else {
        const count = formEntries(index, unit || undefined).length;
        saveBytes(`${id}.forms${unit ? `.${unit.replace(/[^\w-]+/g, '_')}` : ''}.docx`, await planFormsDocx(index, { unit: unit || undefined, lang: style.lang, digits: style.digits, now: now() }), DOCX_TYPE);
        setSaid({ ok: true, text: t.docsFormsDone(count) });
      }
    } catch (e) {
      setSaid({ ok: false, text: t.docsFailed(e instanceof Error ? e.message : String(e)) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className={styles.box} aria-label={t.docsTitle}>
      <Subtitle2 as="h2">{t.docsTitle}</Subtitle2>
      <div className={styles.row}>
        <Button onClick={() => void make('report')} disabled={busy !== undefined}>
          {t.docsReport}
        </Button>
      </div>
      <div className={styles.row}>
        <Field label={t.docsFormsUnit}>
          <Dropdown value={unitName(unit)} selectedOptions={[unit]} onOptionSelect={(_, d) => setUnit(d.optionValue ?? '')}>
            <Option value="">{t.docsAllUnits}</Option>
            {units.map((u) => (
              <Option key={u.id} value={u.id} text={lang === 'en' ? u.titleEn ?? u.title : u.title}>
                {`${lang === 'en' ? u.titleEn ?? u.title : u.title} (${number(formEntries(index, u.id).length, lang)})`}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button onClick={() => void make('forms')} disabled={busy !== undefined}>
          {t.docsForms}
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={t.docsWorking} />}
      {said && (
        <MessageBar intent={said.ok ? 'success' : 'error'} role={said.ok ? 'status' : 'alert'}>
          <MessageBarBody>{said.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
