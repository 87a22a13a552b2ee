// Which lines of a book name the unit responsible for the tables below them. A unit is never
// invented: a heading becomes one only when it names an organisation and nothing says it is a
// caption or a row label; with a list of known units, only a heading that matches one.
import { stripInvisibles, toAsciiDigits } from '../numbers/digits';
import { districtNumber } from './districts';

/** A unit the user knows exists (`import --units FILE`). */
export interface KnownUnit {
  id: string;
  title: string;
  titleEn?: string;
  /** Other names the book may print for it. */
  aliases?: string[];
}

/** Words that open the name of an organisation, deputy office, directorate, office or district. */
const ORGANISATION = /^(?:سازمان|مدیریت|معاونت|اداره(?:\s*کل)?|شرکت|شهرداری|مرکز|دفتر|ستاد|حوزه|واحد|مؤسسه|موسسه|بنیاد|کمیته|دبیرخانه|organi[sz]ation|department|directorate|deputy|office|agency|company)\s+\S/i;

/** The line names an organisation (or a district office) the way a unit heading does. */
export function namesOrganisation(text: string): boolean {
  if (ORGANISATION.test(text)) return true;
  // `منطقه ۳`, `شهرداری منطقه سه` as a heading of its own: a district's office.
  return /^(?:شهرداری\s+)?منطقه\s/.test(text) && districtNumber(text) !== undefined && text.split(' ').length <= 4;
}

/** A heading: short, not a sentence (no closing punctuation), not a label with a colon. */
export function isHeadingText(text: string): boolean {
  return text.split(' ').length <= 12 && !/[:.،؛!?؟]$/.test(text) && !/[:：]/.test(text);
}

/** A name for comparing: Arabic letters as Persian, no ZWNJ, tatweel or spaces, Latin digits. */
export function nameKey(text: string): string {
  return toAsciiDigits(stripInvisibles(text))
    .replace(/\u064a/g, 'ی')
    .replace(/\u0643/g, 'ک')
    .replace(/[\u0640\u200c\s.‌-]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .toLowerCase();
}

/**
 * The known unit a heading names: the same name, or the longest known name (or alias) the
 * heading contains (`سازمان آتش نشانی و خدمات ایمنی شهرداری قزوین` names `سازمان آتش‌نشانی و
 * خدمات ایمنی`). Names shorter than five letters only match exactly.
 */
export function matchKnownUnit(heading: string, known: readonly KnownUnit[]): KnownUnit | undefined {
  const key = nameKey(heading);
  let best: { unit: KnownUnit; length: number } | undefined;
  for (const unit of known) {
    for (const name of [unit.title, unit.titleEn, unit.id, ...(unit.aliases ?? [])]) {
      if (!name) continue;
      const k = nameKey(name);
      if (!k) continue;
      if (k === key) return unit;
      if (k.length >= 5 && key.includes(k) && (!best || k.length > best.length)) best = { unit, length: k.length };
    }
  }
  return best?.unit;
}
