// `plansheets pull` and `push`: the command line as a client of the plan server. pull writes the
// plan the server keeps (as this token may read it); push sends filled workbooks, which the server
// merges as `plansheets merge` does, and says what it applied, what conflicts and what it refused.
import * as path from 'path';
import type { Command } from 'commander';
import { loadPlan } from '../core/plan/load';
import { isolate } from '../core/numbers/bidi';
import { formatNumber } from '../core/numbers/format';
import { EXIT } from './commands';
import { readBytes, writeAtomically } from './files';
import { digitsFor, tr, type Digits, type Lang, type Output } from './output';
import { UsageError } from './plan-file';
import { call, ServerError, serverUrl, tokenOf } from './server-client';
import { planPath, type Fetcher } from '../client/server-api';
import { EXIT_NOT_ALL_APPLIED } from './sheet-commands';
import { XLSX_TYPE } from '../xlsx/read-book';

interface ClientOptions {
  token?: string;
  lang: Lang;
  digits?: Digits;
  fetcher?: Fetcher;
}

/** `plansheets pull SERVER PLAN_ID -o FILE`. */
export async function pull(server: string, id: string, opts: ClientOptions & { out?: string }, io: Output): Promise<number> {
  const url = serverUrl(server);
  const token = tokenOf(opts.token);
  if (!opts.out) throw new UsageError({ en: 'give the file to write with -o PLAN.json', fa: `پرونده‌ای را که باید نوشته شود با ${isolate('-o PLAN.json')} بدهید` });
  try {
    const answer = await call(url, planPath(id), token, {}, opts.fetcher);
    // What is written must be a plan: a proxy's page or a damaged answer is not saved over a file.
    const checked = loadPlan(answer.text);
    if (!checked.ok) {
      const first = checked.problems.find((p) => p.severity === 'error');
      throw new ServerError({ en: `${url.origin} sent a plan that does not load (${first?.path ?? ''} ${first?.message.en ?? ''}); nothing written`, fa: `${isolate(url.origin)} برنامه‌ای فرستاد که بارگذاری نمی‌شود؛ چیزی نوشته نشد` });
    }
    writeAtomically(opts.out, answer.text);
    const revision = formatNumber(checked.index!.plan.meta.revision ?? 0, digitsFor(opts.lang, opts.digits));
    io.err(tr(opts.lang, `pulled plan "${id}" at revision ${revision} to ${opts.out}`, `برنامه ${isolate(id)} با ویرایش ${revision} در ${isolate(opts.out)} نوشته شد`));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ServerError) {
      io.err(`plansheets: ${e.said[opts.lang]}`);
      return EXIT.failed;
    }
    throw e;
  }
}

interface MergeAnswer {
  applied?: unknown[];
  conflicts?: Array<{ ref: string; field: string }>;
  refused?: Array<{ ref: string; field: string; reason?: string; message?: { en: string; fa: string } }>;
  revision?: number;
  submission?: string | number;
  status?: string;
}

/** `plansheets push SERVER PLAN_ID BOOK.xlsx…`: exit 0 all applied, 3 some refused or in conflict, 1 an error. */
export async function push(server: string, id: string, books: string[], opts: ClientOptions, io: Output): Promise<number> {
  const url = serverUrl(server);
  const token = tokenOf(opts.token);
  if (books.length === 0) throw new UsageError({ en: 'give at least one workbook to send', fa: 'دست‌کم یک کارپوشه برای فرستادن بدهید' });
  const digits = digitsFor(opts.lang, opts.digits);
  const n = (v: number) => formatNumber(v, digits);
  // Every book is read before the first is sent: a missing file sends nothing.
  const bytes = books.map((b) => readBytes(b));
  let notAll = false;
  for (const [i, book] of books.entries()) {
    const name = path.basename(book);
    try {
      const answer = await call(url, `${planPath(id)}/books?name=${encodeURIComponent(name)}`, token, { method: 'POST', body: bytes[i], type: XLSX_TYPE }, opts.fetcher);
      const a = (answer.body ?? {}) as MergeAnswer;
      if (answer.status === 202) {
        io.out(tr(opts.lang, `${name}: sent for review (submission ${a.submission})`, `${isolate(name)}: برای بررسی فرستاده شد (ارسال ${isolate(String(a.submission))})`));
        continue;
      }
      const applied = a.applied?.length ?? 0;
      const conflicts = a.conflicts ?? [];
      const refused = a.refused ?? [];
      for (const c of conflicts) io.out(tr(opts.lang, `${name}: conflict ${c.ref} ${c.field}: changed on the server since the book was made`, `${isolate(name)}: تعارض ${isolate(`${c.ref} ${c.field}`)}: پس از ساختن کارپوشه در کارساز تغییر کرده است`));
      for (const r of refused) io.out(`${opts.lang === 'fa' ? isolate(name) : name}: ${tr(opts.lang, 'refused', 'پذیرفته نشد')} ${isolate(`${r.ref} ${r.field}`)}: ${r.message?.[opts.lang] ?? r.reason ?? ''}`);
      io.out(
        tr(
          opts.lang,
          `${name}: ${applied} applied, ${conflicts.length} in conflict, ${refused.length} refused; revision ${a.revision}`,
          `${isolate(name)}: ${n(applied)} اعمال شد، ${n(conflicts.length)} تعارض، ${n(refused.length)} پذیرفته نشد؛ ویرایش ${n(a.revision ?? 0)}`,
        ),
      );
      if (conflicts.length > 0 || refused.length > 0) notAll = true;
    } catch (e) {
      if (e instanceof ServerError) {
        io.err(`plansheets: ${opts.lang === 'fa' ? isolate(name) : name}: ${e.said[opts.lang]}`);
        return EXIT.failed;
      }
      throw e;
    }
  }
  return notAll ? EXIT_NOT_ALL_APPLIED : EXIT.ok;
}

/** Registers pull and push (the global --lang and --digits apply). */
export function addClientCommands(cli: Command, io: Output, setCode: (c: number) => void, lang: () => Lang, digits: () => Digits | undefined): void {
  cli
    .command('pull')
    .description('write the plan a plan server keeps (as your token may read it) to a file')
    .argument('<server>', 'the server, such as http://127.0.0.1:8080')
    .argument('<plan-id>', "the plan's id")
    .requiredOption('-o, --out <file>', 'the plan file to write')
    .option('--token <token>', 'your token (default: PLANSHEETS_TOKEN)')
    .action(async (server: string, id: string, o: { out: string; token?: string }) => setCode(await pull(server, id, { ...o, lang: lang(), digits: digits() }, io)));
  cli
    .command('push')
    .description('send filled workbooks (templates or indicator sheets) to a plan server, which merges them as merge does (exit 0 all applied, 3 some refused or in conflict, 1 an error)')
    .argument('<server>', 'the server, such as http://127.0.0.1:8080')
    .argument('<plan-id>', "the plan's id")
    .argument('<book...>', '.xlsx workbooks')
    .option('--token <token>', 'your token (default: PLANSHEETS_TOKEN)')
    .action(async (server: string, id: string, books: string[], o: { token?: string }) => setCode(await push(server, id, books, { ...o, lang: lang(), digits: digits() }, io)));
}
