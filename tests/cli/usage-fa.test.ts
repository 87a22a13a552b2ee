// Usage errors (exit 2) in the language of the command line (issue 13 point 5): Persian words,
// figures in the chosen digits, and what the message quotes (paths, options, values typed, ids)
// as written, isolated from the right-to-left text around it.
import * as path from 'path';
import { cli, tempFolder } from '../hostile/cli';
import { UsageError } from '../../src/cli/plan-file';
import { isolate, ltr } from '../../src/core/numbers/bidi';
import { SAMPLE_PATH } from '../helpers/plan';

const { at } = tempFolder('usage-fa');

/** The message without its isolated runs: what the Persian itself says. */
const outside = (text: string) => text.replace(/[\u2066-\u2068][^\u2066-\u2069]*\u2069/g, '');

describe('plansheets --lang fa: usage errors in Persian', () => {
  test('a --by it does not know: Persian, the option as written, the value typed kept', async () => {
    const r = await cli('--lang', 'fa', 'build', SAMPLE_PATH, '-o', at('b.xlsx'), '--by', 'district2');
    expect(r).toEqual({ code: 2, out: '', err: `plansheets: ${isolate('--by')} باید ${ltr('workingGroup')} یا ${ltr('unit')} باشد، نه "${isolate('district2')}"` });
    // The same in English, unchanged.
    expect((await cli('build', SAMPLE_PATH, '-o', at('b.xlsx'), '--by', 'district2')).err).toBe('plansheets: --by must be workingGroup or unit, not "district2"');
  });

  test('a folder that does not exist: its path as written (Latin digits kept), the rest Persian', async () => {
    const out = at(path.join('no-such-1403', 'book.xlsx'));
    const r = await cli('--lang', 'fa', 'build', SAMPLE_PATH, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`plansheets: ${isolate(out)} نوشته نشد: پوشه ${isolate(path.dirname(out))} وجود ندارد`);
  });

  test('a plan file that is not there', async () => {
    const r = await cli('--lang', 'fa', 'templates', at('none-2.json'), '-o', at('t'));
    expect(r).toMatchObject({ code: 2, err: `plansheets: پرونده برنامه ${isolate(at('none-2.json'))} خوانده نشد: چنین پرونده‌ای نیست` });
  });

  test('an unknown unit: the value typed and the unit ids as written, no English word outside them', async () => {
    const r = await cli('--lang', 'fa', 'templates', SAMPLE_PATH, '-o', at('t'), '--unit', 'nobody');
    expect(r.code).toBe(2);
    expect(r.err.startsWith(`plansheets: برنامه شاخصی از واحد "${isolate('nobody')}" ندارد (واحدها: `)).toBe(true);
    expect(r.err).toContain(isolate('bus-org'));
    expect(outside(r.err).replace('plansheets:', '')).not.toMatch(/[A-Za-z0-9]/);
  });

  test('figures in the chosen digits, quoted and isolated text as written', () => {
    const e = new UsageError({ en: 'no free name in /tmp/a1 after 64 tries', fa: `پس از 64 بار تلاش، نام آزادی در ${isolate('/tmp/a1')} نبود ("x2")` });
    expect(e.say('fa')).toBe(`پس از ۶۴ بار تلاش، نام آزادی در ${isolate('/tmp/a1')} نبود ("x2")`);
    expect(e.say('fa', 'latn')).toBe(`پس از 64 بار تلاش، نام آزادی در ${isolate('/tmp/a1')} نبود ("x2")`);
    expect(e.say('en')).toBe(e.message);
    // A message given as one string (English only) reads the same in both.
    expect(new UsageError('plain').say('fa')).toBe('plain');
  });
});
