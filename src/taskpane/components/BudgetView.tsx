import * as React from 'react';
import { Button, Caption1, Dropdown, Field, Option, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PlanIndex } from '../../core/plan/plan-index';
import { budgetByUnit, budgetByWorkingGroup, type BudgetViewRow } from '../../core/report/budget-view';
import type { Lang } from '../../runtime/plan-store';
import { realizationText } from '../../core/report/realization-text';
import { number, percent, type Strings } from '../i18n';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'grid', gridTemplateColumns: 'minmax(6rem, 1fr) 2fr', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  bars: { display: 'flex', flexDirection: 'column', gap: '2px' },
  track: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  bar: { height: '10px', borderRadius: tokens.borderRadiusSmall, minWidth: '1px' },
  achievement: { backgroundColor: tokens.colorPaletteTealBackground2 },
  budget: { backgroundColor: tokens.colorPaletteMarigoldBackground2 },
  legend: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginInlineEnd: '4px', borderRadius: '2px' },
  units: { paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

const SCALE = 1.2; // the cap: bars are drawn against 120%

function Bars({ row, lang, t }: { row: BudgetViewRow; lang: Lang; t: Strings }) {
  const styles = useStyles();
  const width = (v: number | null) => `${Math.min(100, ((v ?? 0) / SCALE) * 100)}%`;
  // The ratio with the spent and planned it divides and their years, never beside the all-years
  // planned total it was not computed from.
  const realization = realizationText(row.realization, row.basis, lang, lang === 'fa' ? 'fa' : 'latn') || percent(null, lang);
  return (
    <div className={styles.bars}>
      <div className={styles.track} aria-label={`${t.achievement}: ${percent(row.achievement, lang)}`}>
        <div className={`${styles.bar} ${styles.achievement}`} style={{ width: width(row.achievement) }} />
        <Caption1>{percent(row.achievement, lang)}</Caption1>
      </div>
      <div className={styles.track} aria-label={`${t.budgetRealization}: ${realization}`}>
        <div className={`${styles.bar} ${styles.budget}`} style={{ width: width(row.realization) }} />
        <Caption1 data-testid="realization">{realization}</Caption1>
      </div>
    </div>
  );
}

/** Achievement beside budget realization by working group for a chosen year; a click opens its units. */
export function BudgetView({ index, lang, t }: { index: PlanIndex; lang: Lang; t: Strings }): React.JSX.Element {
  const styles = useStyles();
  const [year, setYear] = React.useState<number | undefined>(undefined);
  const [open, setOpen] = React.useState<string | undefined>(undefined);
  const rows = React.useMemo(() => budgetByWorkingGroup(index, year), [index, year]);
  const name = (r: BudgetViewRow) => (lang === 'en' ? r.titleEn ?? r.title : r.title) || '—';
  const yearLabel = (y: number | undefined) => (y === undefined ? t.wholePlan : number(y, lang));
  return (
    <section className={styles.box} aria-label={t.budgetTitle}>
      <Subtitle2 as="h2">{t.budgetTitle}</Subtitle2>
      <Field label={t.year}>
        <Dropdown value={yearLabel(year)} selectedOptions={[String(year ?? 'all')]} onOptionSelect={(_, d) => setYear(d.optionValue === 'all' ? undefined : Number(d.optionValue))}>
          <Option value="all">{t.wholePlan}</Option>
          {index.years.map((y) => (
            <Option key={y} value={String(y)}>
              {number(y, lang)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.legend}>
        <Caption1>
          <span className={`${styles.swatch} ${styles.achievement}`} />
          {t.achievement}
        </Caption1>
        <Caption1>
          <span className={`${styles.swatch} ${styles.budget}`} />
          {t.budgetRealization}
        </Caption1>
      </div>
      {rows.map((r) => (
        <div key={r.key} data-testid={`budget-${r.key}`}>
          <div className={styles.row}>
            <Button appearance="transparent" size="small" aria-expanded={open === r.key} onClick={() => setOpen(open === r.key ? undefined : r.key)}>
              {name(r)}
            </Button>
            <Bars row={r} lang={lang} t={t} />
          </div>
          {open === r.key && (
            <div className={styles.units} aria-label={`${name(r)}: ${t.perUnit}`}>
              {budgetByUnit(index, r.key, year).map((u) => (
                <div key={u.key} className={styles.row} data-testid={`budget-${r.key}-${u.key}`}>
                  <Text size={200}>{name(u)}</Text>
                  <Bars row={u} lang={lang} t={t} />
                </div>
              ))}
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
