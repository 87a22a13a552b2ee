import type { Bilingual } from './problems';
import { isolate, ltr } from '../numbers/bidi';
import { inDigits } from '../numbers/format';

// Every problem's wording, in English and Persian, in one place. The Persian says its figures
// (lines, counts, years) in Persian digits; what is quoted from the file or typed into it (ids,
// codes, keys, JSON paths, values found) stays as written, isolated so that right-to-left text
// neither reorders it nor pulls its neutral characters to the wrong end (core/numbers/bidi.ts).

const list = (xs: readonly (string | number)[]) => xs.join(', ');
/** A figure in Persian digits. */
const n = (x: number | string) => inDigits(String(x), 'fa');
/** Something quoted from the plan file, as written: `"id"` isolated. */
const q = (s: string) => `"${isolate(s)}"`;
const listFa = (xs: readonly (string | number)[]) => xs.join('، ');
const quotedFa = (xs: readonly string[]) => listFa(xs.map(isolate));
/** A Latin word that stays Latin in Persian text (a field name, a format): isolated. */
const word = ltr;
const APP = word('PlanSheets');

export const msg = {
  notJson: (detail: string, line: number, column: number): Bilingual => ({
    en: `not valid JSON at line ${line}, column ${column}: ${detail}`,
    fa: `${word('JSON')} معتبر نیست (سطر ${n(line)}، ستون ${n(column)}): ${isolate(detail)}`,
  }),
  tooLarge: (mb: string, maxMb: string): Bilingual => ({
    en: `the file is ${mb} MB; a plan file may be at most ${maxMb} MB (is this the right file?)`,
    fa: `حجم فایل ${n(mb)} مگابایت است؛ حداکثر حجم فایل برنامه ${n(maxMb)} مگابایت است (آیا فایل درست است؟)`,
  }),
  notObject: (found: Bilingual): Bilingual => ({
    en: `expected a plan object ({"format": "plansheets.plan", …}), found ${found.en}`,
    fa: `شیء برنامه (${ltr('{"format": "plansheets.plan", …}')}) انتظار می‌رفت، اما ${found.fa} یافت شد`,
  }),
  wrongFormat: (found: Bilingual): Bilingual => ({
    en: `"format" must be "plansheets.plan", found ${found.en}: this is not a PlanSheets plan file`,
    fa: `مقدار ${word('"format"')} باید ${word('"plansheets.plan"')} باشد اما ${found.fa} است: این فایل برنامه ${APP} نیست`,
  }),
  newerVersion: (found: number): Bilingual => ({
    en: `this plan file is version ${found}, newer than this PlanSheets reads (version 1): update PlanSheets to open it`,
    fa: `نسخه این فایل برنامه ${n(found)} است و از نسخه‌ای که این ${APP} می‌خواند (۱) جدیدتر است: ${APP} را به‌روز کنید`,
  }),
  unknownVersion: (found: Bilingual): Bilingual => ({
    en: `"version" must be 1, found ${found.en}`,
    fa: `مقدار ${word('"version"')} باید ${ltr('1')} باشد اما ${found.fa} است`,
  }),
  wrongType: (expected: string[], found: Bilingual, hint?: number): Bilingual => {
    const en = `expected ${expected.map(typeEn).join(' or ')}, found ${found.en}`;
    const fa = `${expected.map(typeFa).join(' یا ')} انتظار می‌رفت، اما ${found.fa} یافت شد`;
    return hint === undefined
      ? { en, fa }
      : {
          en: `${en} (numbers in the plan file are JSON numbers: write ${hint}, without quotes)`,
          fa: `${fa} (اعداد در فایل برنامه عدد ${word('JSON')} هستند: ${ltr(String(hint))} را بدون گیومه بنویسید)`,
        };
  },
  missingField: (field: string): Bilingual => ({
    en: `required field "${field}" is missing`,
    fa: `فیلد الزامی ${q(field)} وجود ندارد`,
  }),
  missingCode: (): Bilingual => ({
    en: 'the indicator has no "code": every indicator needs its approved code',
    fa: `شاخص ${word('"code"')} ندارد: هر شاخص باید کد مصوب خود را داشته باشد`,
  }),
  notAllowed: (allowed: readonly unknown[], found: Bilingual): Bilingual => ({
    en: `expected one of ${list(allowed.map((a) => JSON.stringify(a)))}, found ${found.en}`,
    fa: `یکی از ${quotedFa(allowed.map((a) => JSON.stringify(a)))} انتظار می‌رفت، اما ${found.fa} یافت شد`,
  }),
  badKey: (key: string, periods: boolean): Bilingual =>
    periods
      ? {
          en: `"${key}" is not a year or period key (1403, 1403-H1, 1403-Q2, 1403-M07)`,
          fa: `${q(key)} کلید سال یا دوره نیست (${quotedFa(['1403', '1403-H1', '1403-Q2', '1403-M07'])})`,
        }
      : { en: `"${key}" is not a year key (1403)`, fa: `${q(key)} کلید سال نیست (${isolate('1403')})` },
  badValue: (rule: Bilingual, found: Bilingual): Bilingual => ({
    en: `${rule.en}, found ${found.en}`,
    fa: `${rule.fa}؛ مقدار یافت‌شده: ${found.fa}`,
  }),
  unknownField: (field: string): Bilingual => ({
    en: `unknown field "${field}": kept in the file, not used (a typo?)`,
    fa: `فیلد ناشناخته ${q(field)}: در فایل می‌ماند اما استفاده نمی‌شود (غلط تایپی؟)`,
  }),
  duplicateId: (what: string, id: string, firstPath: string): Bilingual => ({
    en: `duplicate ${what} id "${id}" (first at ${firstPath}): ids must be unique`,
    fa: `شناسه تکراری ${kindFa(what)} ${q(id)} (اولین بار در ${ltr(firstPath)}): شناسه‌ها باید یکتا باشند`,
  }),
  yearOutsidePlan: (key: string, years: readonly number[], baseline?: number): Bilingual => ({
    en: `"${key}" is outside the plan's years (${list(years)}${baseline ? `; baseline ${baseline}` : ''})`,
    fa: `${q(key)} خارج از سال‌های برنامه است (${listFa(years.map(n))}${baseline ? `؛ سال پایه ${n(baseline)}` : ''})`,
  }),
  unknownRef: (kind: string, id: string): Bilingual => ({
    en: `unknown ${kind} "${id}": it is not defined in the plan`,
    fa: `${kindFa(kind)} ${q(id)} ناشناخته است: در برنامه تعریف نشده`,
  }),
  treeTooDeep: (id: string, max: number): Bilingual => ({
    en: `node "${id}" is at level ${max + 1} of the tree: a plan tree has at most ${max} levels`,
    fa: `گره ${q(id)} در سطح ${n(max + 1)} درخت است: درخت برنامه حداکثر ${n(max)} سطح دارد`,
  }),
  nodeCycle: (id: string): Bilingual => ({
    en: `node "${id}" is its own ancestor: the tree has a cycle`,
    fa: `گره ${q(id)} نیای خودش است: درخت برنامه دور دارد`,
  }),
  codeNotNormalized: (code: string, normalized: string): Bilingual => ({
    en: `code "${code}" is not stored as ASCII digits and '-': read as "${normalized}"`,
    fa: `کد ${q(code)} با ارقام لاتین و '-' ذخیره نشده: ${q(normalized)} خوانده شد`,
  }),
  sharedCode: (code: string, ids: readonly string[]): Bilingual => ({
    en: `code "${code}" is shared by ${ids.length} indicators (${list(ids)}): refer to them by id`,
    fa: `کد ${q(code)} میان ${n(ids.length)} شاخص مشترک است (${quotedFa(ids)}): با شناسه به آنها ارجاع دهید`,
  }),
  horizonDisagrees: (horizon: number, aggregation: string, expected: number | null, inferred: boolean): Bilingual => ({
    en: `horizon ${horizon} disagrees with the ${aggregation} of the targets (${expected ?? 'none'})${inferred ? ' (aggregation inferred)' : ''}`,
    fa: `افق ${n(horizon)} با ${aggregationFa(aggregation)} اهداف سالانه (${expected === null ? 'هیچ' : n(expected)}) همخوان نیست${inferred ? ' (قاعده تجمیع استنباط شد)' : ''}`,
  }),
  aggregationMissing: (inferred: string): Bilingual => ({
    en: `no "aggregation": read as "${inferred}" (sum when the horizon is the sum of the targets, else last)`,
    fa: `${word('"aggregation"')} تعیین نشده: ${q(inferred)} در نظر گرفته شد (جمع اگر افق برابر جمع اهداف باشد، وگرنه آخرین)`,
  }),
  reversedCode: (code: string, reversed: string): Bilingual => ({
    en: `code "${code}" matches its siblings only when read backwards: is it "${reversed}"?`,
    fa: `کد ${q(code)} فقط وقتی وارونه خوانده شود با هم‌رده‌هایش جور است: آیا ${q(reversed)} است؟`,
  }),
  noTarget: (): Bilingual => ({
    en: 'this measured line has no target in any year: its achievement cannot be computed',
    fa: 'این سطر سنجش در هیچ سالی هدف ندارد: میزان تحقق آن محاسبه‌پذیر نیست',
  }),
  districtLikeTitle: (title: string): Bilingual => ({
    en: `item "${title}" looks like a district but has no "district": it will not count toward any district`,
    fa: `زیرشاخص ${q(title)} شبیه یک منطقه است اما ${word('"district"')} ندارد: در محاسبه هیچ منطقه‌ای شمرده نمی‌شود`,
  }),
  progressWithoutBaseline: (): Bilingual => ({
    en: 'scoring is "progress" but baseline.previous is not set: scored as a ratio until it is',
    fa: `امتیازدهی ${word('"progress"')} است اما ${word('baseline.previous')} تعیین نشده: تا تعیین آن به صورت نسبت محاسبه می‌شود`,
  }),
  mixedPeriods: (year: string, keys: readonly string[]): Bilingual => ({
    en: `year ${year} mixes period kinds (${list(keys)}): its annual value may count a month twice`,
    fa: `سال ${n(year)} دوره‌های ناهمگون دارد (${quotedFa(keys)}): ممکن است مقداری دو بار شمرده شود`,
  }),
  importNote: (source: string, line: number, found: string, reading: string): Bilingual => ({
    en: `imported from ${source ? `${source} ` : ''}line ${line}: ${found}; read as ${reading}`,
    fa: `ورود از ${source ? `${isolate(source)} ` : ''}سطر ${n(line)}: ${isolate(found)}؛ چنین خوانده شد: ${isolate(reading)}`,
  }),
  duplicateKey: (key: string, line: number, column: number, firstLine: number, firstColumn: number): Bilingual => ({
    en: `key "${key}" appears twice in one object (line ${line}, column ${column}; first at line ${firstLine}, column ${firstColumn}): a JSON reader keeps only one of the two values, so remove one`,
    fa: `کلید ${q(key)} دو بار در یک شیء آمده است (سطر ${n(line)}، ستون ${n(column)}؛ بار اول سطر ${n(firstLine)}، ستون ${n(firstColumn)}): خواننده ${word('JSON')} فقط یکی از دو مقدار را نگه می‌دارد؛ یکی را حذف کنید`,
  }),
  badText: (problem: Bilingual): Bilingual => ({
    en: `this text cannot be kept in a workbook (${problem.en})`,
    fa: `این متن در کارپوشه نگه داشته نمی‌شود (${problem.fa})`,
  }),
  badKeyText: (problem: Bilingual): Bilingual => ({
    en: `this key cannot be kept in a workbook (${problem.en})`,
    fa: `این کلید در کارپوشه نگه داشته نمی‌شود (${problem.fa})`,
  }),
  tooDeep: (max: number): Bilingual => ({
    en: `values are nested ${max} levels deep here: no plan field is, and the file could not be written back`,
    fa: `مقدارها در اینجا ${n(max)} سطح تودرتو هستند: هیچ فیلد برنامه چنین نیست و فایل دوباره نوشته نمی‌شود`,
  }),
  outOfRange: (problem: Bilingual): Bilingual => ({
    en: `${problem.en}: a plan number must be within this range`,
    fa: `${problem.fa}: عدد برنامه باید در این بازه باشد`,
  }),
  refCollision: (ref: string, path: string, otherPath: string, other: 'indicator id' | 'indicator code' | 'item'): Bilingual => ({
    en: `"${ref}" names both the item at ${path} and the ${other} at ${otherPath}: a value typed for one would land on the other; rename one of them`,
    fa: `${q(ref)} هم مرجع زیرشاخص ${ltr(path)} است و هم ${({ item: 'مرجع زیرشاخص', 'indicator code': 'کد شاخص', 'indicator id': 'شناسه شاخص' } as const)[other]} ${ltr(otherPath)}: مقداری که برای یکی وارد شود به دیگری می‌رسد؛ یکی را تغییر نام دهید`,
  }),
  tooManyLines: (count: number, max: number): Bilingual => ({
    en: `the plan has ${count} measured lines (indicators without items, and items); PlanSheets handles at most ${max}: split the plan`,
    fa: `برنامه ${n(count)} سطر سنجش دارد (شاخص‌های بدون زیرشاخص و زیرشاخص‌ها)؛ ${APP} حداکثر ${n(max)} سطر را پردازش می‌کند: برنامه را تقسیم کنید`,
  }),
  tooManyIndicators: (count: number, max: number): Bilingual => ({
    en: `the plan has ${count} indicators; PlanSheets handles at most ${max}: split the plan`,
    fa: `برنامه ${n(count)} شاخص دارد؛ ${APP} حداکثر ${n(max)} شاخص را پردازش می‌کند: برنامه را تقسیم کنید`,
  }),
  thresholds: (green: number, amber: number): Bilingual => ({
    en: `status thresholds are out of order: green (${green}) is below amber (${amber})`,
    fa: `آستانه‌های وضعیت نامرتب است: سبز (${n(green)}) کمتر از زرد (${n(amber)}) است`,
  }),
};

function typeEn(t: string): string {
  return ({ number: 'a number', integer: 'a whole number', string: 'text', null: 'null', object: 'an object', array: 'a list', boolean: 'true or false' } as Record<string, string>)[t] ?? t;
}
function typeFa(t: string): string {
  return ({ number: 'عدد', integer: 'عدد صحیح', string: 'متن', null: ltr('null'), object: 'شیء', array: 'فهرست', boolean: 'درست یا نادرست' } as Record<string, string>)[t] ?? t;
}
function kindFa(kind: string): string {
  return ({ 'working group': 'کارگروه', unit: 'واحد', district: 'منطقه', node: 'گره', level: 'سطح', indicator: 'شاخص', item: 'زیرشاخص' } as Record<string, string>)[kind] ?? kind;
}
function aggregationFa(a: string): string {
  return ({ sum: 'جمع', last: 'آخرین مقدار', average: 'میانگین', max: 'بیشینه', min: 'کمینه' } as Record<string, string>)[a] ?? a;
}
