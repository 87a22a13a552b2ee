// Persian messages say their figures in Persian digits, and keep what they quote from the file
// (ids, codes, keys, JSON paths, file names) as written, isolated from the right-to-left text
// around it (issue 13 point 5): the plan's problems and the import's account.
import * as fs from 'fs';
import { loadPlan } from '../../src/core/plan/load';
import { cli, tempFolder } from '../hostile/cli';
import { rawSources } from '../helpers/qazvin-tables';
import { sampleText } from '../helpers/plan';
import { outsideIsolates } from '../helpers/isolates';

/** The isolated runs of a text, outermost, without their marks. */
const isolated = (text: string): string[] => [...text.matchAll(/[\u2066-\u2068]((?:[^\u2066-\u2069]|[\u2066-\u2068][^\u2069]*\u2069)*)\u2069/g)].map((m) => m[1].replace(/[\u2066-\u2069]/g, ''));

const sample = () => JSON.parse(sampleText());

describe("the plan's problems in Persian", () => {
  test('a target outside the plan years: the years in Persian digits, the key as written and isolated', () => {
    const plan = sample();
    plan.indicators[0].targets['1410'] = 5;
    const problem = loadPlan(JSON.stringify(plan)).problems.find((p) => p.code !== 'import-note' && p.message.fa.includes('1410'))!;
    expect(problem).toBeDefined();
    expect(outsideIsolates(problem.message.fa)).toMatch(/\(۱۴۰۲، ۱۴۰۳، ۱۴۰۴، ۱۴۰۵، ۱۴۰۶/);
    expect(outsideIsolates(problem.message.fa)).not.toMatch(/[0-9]/);
    expect(isolated(problem.message.fa)).toContain('1410');
    // The English is untouched.
    expect(problem.message.en).toMatch(/^"1410" is outside the plan's years \(1402, 1403, 1404, 1405, 1406/);
  });

  test('a key written twice: line and column in Persian digits, the key isolated', () => {
    const text = '{\n  "format": "plansheets.plan",\n  "format": "plansheets.plan",\n  "version": 1\n}';
    const problem = loadPlan(text).problems.find((p) => p.code === 'duplicate-key')!;
    expect(problem.message.fa).toContain('سطر ۳، ستون ۳؛ بار اول سطر ۲، ستون ۳');
    expect(isolated(problem.message.fa)).toContain('format');
    expect(outsideIsolates(problem.message.fa)).not.toMatch(/[0-9]/);
  });

  test('two indicators with one id: a Persian kind, the id and the JSON path isolated as written', () => {
    const plan = sample();
    plan.indicators[1].id = plan.indicators[0].id;
    const problem = loadPlan(JSON.stringify(plan)).problems.find((p) => p.code === 'duplicate-id')!;
    expect(problem.message.fa).toMatch(/^شناسه تکراری شاخص /);
    expect(isolated(problem.message.fa)).toEqual([plan.indicators[0].id, '/indicators/0']);
    expect(outsideIsolates(problem.message.fa)).not.toMatch(/[0-9A-Za-z]/);
  });
});

describe("the import's account in Persian", () => {
  const { at } = tempFolder('persian-account');
  test('file lines and counts in Persian digits, codes as written in left-to-right runs', async () => {
    const files = rawSources().map((s) => {
      fs.writeFileSync(at(s.source), s.rows.map((r) => r.join('\t')).join('\n'));
      return at(s.source);
    });
    const r = await cli('--lang', 'fa', 'import', ...files, '-o', at('fa.plan.json'), '--id', 'q');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const account = lines.find((l) => l.startsWith('حساب: '))!;
    expect(account).toMatch(/^حساب: ۱۱۸ جدول = ۱۱۵ شاخص \+ ۳ ادامهٔ جدول بالا \+ ۰ بی‌سطر؛ ۲۸۰ سطر جدول = ۲۸۰ خوانده \+ ۰ کنار گذاشته$/);
    const table = lines.find((l) => l.includes('→') && l.includes('01.tsv'))!;
    // `  01.tsv:۱۲  3-6-3-4 → id`: the place, then the code exactly as in the table.
    const [place, code] = isolated(table);
    expect(place).toMatch(/^01\.tsv:[۰-۹]+$/);
    expect(code).toMatch(/^\d+(-\d+)+$/);
    for (const l of lines.slice(lines.indexOf('جدول‌ها، هر یک با سطرش و آنچه از آن شد:'), lines.indexOf(account) + 1)) expect({ l, latin: /[0-9]/.test(outsideIsolates(l)) }).toEqual({ l, latin: false });
  });
});
