import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Writable } from 'stream';
import { UsageError } from './plan-file';
import type { Bilingual } from '../core/plan/problems';
import { isolate } from '../core/numbers/bidi';

const { O_WRONLY, O_CREAT, O_EXCL, O_RDONLY } = fs.constants;
// Absent on Windows, where they are not needed (no FIFOs; O_EXCL already refuses links).
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

const both = (en: string, fa: string): Bilingual => ({ en, fa });

/** Why the system refused, in both languages (its own words, isolated, when it is none of these). */
const reason = (e: unknown): Bilingual => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return both('no such file', 'چنین پرونده‌ای نیست');
  if (code === 'EACCES' || code === 'EPERM') return both('permission denied', 'اجازه دسترسی نیست');
  if (code === 'EISDIR') return both('it is a folder', 'یک پوشه است');
  if (code === 'ENOSPC') return both('the disk is full', 'دیسک پر است');
  if (code === 'EROFS') return both('the disk is read-only', 'دیسک فقط‌خواندنی است');
  const text = (e as Error).message ?? String(e);
  return both(text, isolate(text));
};

/** `cannot write FILE: why` / `cannot read FILE: why`. */
const cannotWrite = (file: string, why: Bilingual) => new UsageError({ en: `cannot write ${file}: ${why.en}`, fa: `${isolate(file)} نوشته نشد: ${why.fa}` });
const cannotRead = (file: string, why: Bilingual) => new UsageError({ en: `cannot read ${file}: ${why.en}`, fa: `${isolate(file)} خوانده نشد: ${why.fa}` });

/** What a non-regular file is, for messages. */
function kindOf(stat: fs.Stats): Bilingual {
  if (stat.isDirectory()) return both('a folder', 'یک پوشه');
  if (stat.isSymbolicLink()) return both('a symbolic link', 'یک پیوند نمادین');
  if (stat.isFIFO()) return both('a named pipe (FIFO)', 'یک لوله نام‌دار (FIFO)');
  if (stat.isSocket()) return both('a socket', 'یک سوکت');
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return both('a device', 'یک دستگاه');
  return both('not a regular file', 'پرونده عادی نیست');
}

/** `it is a folder, not a file`. */
const notAFile = (stat: fs.Stats): Bilingual => {
  const kind = kindOf(stat);
  return both(`it is ${kind.en}, not a file`, `${kind.fa} است، نه پرونده`);
};

/** Where a temporary file's name comes from: 12 random bytes, unless a test gives its own. */
export type RandomSource = () => string;
const randomName: RandomSource = () => randomBytes(12).toString('hex');

/**
 * Creates a new, empty file beside `file` under an unpredictable name, exclusively: O_EXCL
 * refuses any existing name (a link planted there included, dangling or not), O_NOFOLLOW any
 * link. Tries another name when one is taken. Returns the open descriptor and the name.
 */
export function createTemp(file: string, random: RandomSource = randomName, tries = 64): { fd: number; tmp: string } {
  const dir = path.dirname(file);
  for (let i = 0; i < tries; i++) {
    const tmp = path.join(dir, `.${path.basename(file)}.${random()}.tmp`);
    try {
      return { fd: fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o666), tmp };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        const why = reason(e);
        throw cannotWrite(file, both(`cannot create a file in ${dir}: ${why.en}`, `پرونده‌ای در ${isolate(dir)} ساخته نشد: ${why.fa}`));
      }
    }
  }
  throw cannotWrite(file, both(`no free temporary name in ${dir} after ${tries} tries`, `پس از ${tries} بار تلاش، نام موقت آزادی در ${isolate(dir)} نبود`));
}

/**
 * Refuses an output path that is not a file PlanSheets may replace: a folder, a folder that does
 * not exist, a symbolic link (never written through, nor replaced: it points somewhere the person
 * meant), a FIFO, socket or device.
 */
function checkOutput(file: string): fs.Stats | undefined {
  if (file === '' || file.endsWith('/') || file.endsWith(path.sep)) throw new UsageError({ en: `cannot write "${file}": give a file name, not a folder`, fa: `"${file}" نوشته نشد: نام یک پرونده را بدهید، نه پوشه` });
  const dir = path.dirname(path.resolve(file));
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (e) {
    const why = reason(e);
    throw cannotWrite(
      file,
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? both(`the folder ${dir} does not exist`, `پوشه ${isolate(dir)} وجود ندارد`)
        : both(`the folder ${dir}: ${why.en}`, `پوشه ${isolate(dir)}: ${why.fa}`),
    );
  }
  if (!dirStat.isDirectory()) throw cannotWrite(file, both(`${dir} is not a folder`, `${isolate(dir)} پوشه نیست`));
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotWrite(file, reason(e));
  }
  if (stat.isSymbolicLink()) throw cannotWrite(file, both("it is a symbolic link; PlanSheets does not write through links (give the link's target or another path)", 'یک پیوند نمادین است؛ PlanSheets از راه پیوند نمی‌نویسد (مقصد پیوند یا مسیر دیگری بدهید)'));
  if (!stat.isFile()) throw cannotWrite(file, notAFile(stat));
  return stat;
}

/**
 * Writes a file whole or not at all: into a new temporary file beside it (created exclusively,
 * under a random name), flushed to disk, then renamed over it. Renaming replaces whatever is at
 * the path without following it, so a link planted there after the check is replaced, never
 * written through. On any failure the temporary file is removed and the existing file untouched.
 */
export function writeAtomically(file: string, data: string | Buffer, random?: RandomSource): void {
  const existing = checkOutput(file);
  const target = path.resolve(file);
  const { fd, tmp } = createTemp(target, random);
  let open = true;
  try {
    // A file kept private stays private when it is replaced.
    if (existing) fs.fchmodSync(fd, existing.mode & 0o777);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    open = false;
    fs.closeSync(fd);
    fs.renameSync(tmp, target);
  } catch (e) {
    if (open) closeQuietly(fd);
    fs.rmSync(tmp, { force: true });
    throw cannotWrite(file, reason(e));
  }
  syncFolder(path.dirname(target));
}

/**
 * writeAtomically for a file too large to hold in memory: `write` streams it into the temporary
 * file, with the same guarantees (created exclusively beside the target, flushed, renamed over
 * it; on any failure removed, and the existing file untouched). `write` resolves once it has
 * written everything (ending the stream or not). A failure of the file itself (disk full, folder
 * gone) is a UsageError naming the file; an error `write` throws is passed on as it is, since
 * it is no fault of the path.
 */
export async function writeAtomicallyFrom(file: string, write: (stream: Writable) => Promise<void>, random?: RandomSource): Promise<void> {
  const existing = checkOutput(file);
  const target = path.resolve(file);
  const { fd, tmp } = createTemp(target, random);
  // The stream owns the descriptor from here: it closes it when destroyed, only once its
  // pending writes are done (closing it under them could let them land in another file).
  const stream = fs.createWriteStream(tmp, { fd, autoClose: false });
  let ioError: unknown;
  // Listened to for the stream's whole life: a writer still running after a failure may write on.
  const failed = new Promise<never>((_, reject) =>
    stream.on('error', (e) => {
      ioError ??= e;
      reject(e);
    }),
  );
  failed.catch(() => undefined);
  try {
    try {
      if (existing) fs.fchmodSync(fd, existing.mode & 0o777);
      await Promise.race([write(stream), failed]);
      if (!stream.writableEnded) stream.end();
      await Promise.race([new Promise<void>((resolve) => (stream.writableFinished ? resolve() : stream.once('finish', () => resolve()))), failed]);
    } catch (e) {
      if (ioError === undefined) throw e;
      throw cannotWrite(file, reason(ioError));
    }
    try {
      fs.fsyncSync(fd);
    } catch (e) {
      throw cannotWrite(file, reason(e));
    }
    await closeStream(stream);
    if (ioError !== undefined) throw cannotWrite(file, reason(ioError));
    try {
      fs.renameSync(tmp, target);
    } catch (e) {
      throw cannotWrite(file, reason(e));
    }
  } catch (e) {
    await closeStream(stream);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncFolder(path.dirname(target));
}

/** Destroys a file stream and waits until its descriptor is closed. */
function closeStream(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) return resolve();
    stream.once('close', () => resolve());
    stream.destroy();
  });
}

/** Makes the rename itself durable where the system allows a folder to be flushed. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, O_RDONLY);
    fs.fsyncSync(fd);
  } catch {
    // Windows and some file systems cannot flush a folder; the file itself already is.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Already failing or done: nothing more to lose.
  }
}

/**
 * A file's bytes. A folder, FIFO, socket or device is refused before it is read (a FIFO would
 * block forever), checked again on the open descriptor (opened without blocking) in case the path
 * changed in between.
 */
export function readBytes(file: string): Buffer {
  const refuse = (why: Bilingual) => cannotRead(file, why);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw refuse(reason(e));
  }
  if (!stat.isFile()) throw refuse(notAFile(stat));
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NONBLOCK);
  } catch (e) {
    throw refuse(reason(e));
  }
  try {
    const now = fs.fstatSync(fd);
    if (!now.isFile()) throw refuse(notAFile(now));
    return fs.readFileSync(fd);
  } catch (e) {
    throw e instanceof UsageError ? e : refuse(reason(e));
  } finally {
    fs.closeSync(fd);
  }
}
