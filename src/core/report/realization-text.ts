// Budget realization as it is shown everywhere: the percentage with the spent and planned
// amounts it divides and the years they are from, so a reader can check it by hand.
import type { RealizationBasis } from '../achievement/budget';
import { formatAmount, formatPercent, formatYears, type Digits } from '../numbers/format';

/** `37.7% (106,005 of 281,175, 1402–1403)`; `۳۷٫۷٪ (۱۰۶٬۰۰۵ از ۲۸۱٬۱۷۵، ۱۴۰۲–۱۴۰۳)`; empty when there is none. */
export function realizationText(realization: number | null, basis: RealizationBasis, lang: 'en' | 'fa', digits: Digits): string {
  if (realization === null) return '';
  return `${formatPercent(realization, digits)} (${basisText(basis, lang, digits)})`;
}

/** The parts alone: `106,005 of 281,175, 1402–1403`. */
export function basisText(basis: RealizationBasis, lang: 'en' | 'fa', digits: Digits): string {
  const of = lang === 'fa' ? 'از' : 'of';
  const sep = lang === 'fa' ? '،' : ',';
  return `${formatAmount(basis.spent, digits)} ${of} ${formatAmount(basis.planned, digits)}${sep} ${formatYears(basis.years, digits)}`;
}
