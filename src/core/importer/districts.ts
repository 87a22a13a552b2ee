// Districts as the books name them: `منطقه ۳`, `منطقه3`, `شهرداری منطقه سه`, `منطقه یک`, `منطقه دوم`,
// `District 3`. Only a number (in digits or words) makes a district: `منطقه نمونه گردشگری` is a
// place, and `مناطق` (districts, plural) is not one of them.
import { stripInvisibles, toAsciiDigits } from '../numbers/digits';

const ONES = ['', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه'];
const TEENS = ['ده', 'یازده', 'دوازده', 'سیزده', 'چهارده', 'پانزده', 'شانزده', 'هفده', 'هجده', 'نوزده'];
const ORDINALS: Record<string, number> = { اول: 1, یکم: 1, دوم: 2, سوم: 3, چهارم: 4, پنجم: 5, ششم: 6, هفتم: 7, هشتم: 8, نهم: 9, دهم: 10 };

/** Number words 1–29 (Tehran has 22 districts), each also with the ordinal ending `-م`/`-مین`. */
const WORDS: Map<string, number> = (() => {
  const m = new Map<string, number>();
  ONES.forEach((w, i) => i > 0 && m.set(w, i));
  TEENS.forEach((w, i) => m.set(w, 10 + i));
  m.set('هیجده', 18);
  m.set('بیست', 20);
  ONES.forEach((w, i) => i > 0 && m.set(`بیست و ${w}`, 20 + i));
  for (const [w, n] of [...m]) {
    m.set(`${w}م`, n);
    m.set(`${w}مین`, n);
  }
  for (const [w, n] of Object.entries(ORDINALS)) m.set(w, n);
  m.set('سیم', 3);
  return m;
})();

// Longest first, so `بیست و یک` wins over `بیست` and `یازده` over `یک`.
const WORD_ALTERNATIVES = [...WORDS.keys()].sort((a, b) => b.length - a.length).join('|');
const DISTRICT = new RegExp(`(?:^|[^\\p{L}])(?:منطقه|district|zone)\\s*(?:(\\d{1,2})|(${WORD_ALTERNATIVES}))(?![\\p{L}\\d])`, 'iu');

/** The district number a title names, or undefined. */
export function districtNumber(title: string): number | undefined {
  const text = toAsciiDigits(stripInvisibles(title)).replace(/[\u064a]/g, 'ی').replace(/\s+/g, ' ');
  const m = DISTRICT.exec(text);
  if (!m) return undefined;
  const n = m[1] !== undefined ? Number(m[1]) : WORDS.get(m[2]);
  return n && n > 0 ? n : undefined;
}
