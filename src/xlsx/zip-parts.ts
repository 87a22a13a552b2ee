// The zip package, unpacked part by part against the limits, counted as the bytes come out of the
// inflater (a size the zip declares is only a claim) and stopped the moment one is passed: a 1 MB
// file can unpack to gigabytes.
//
// JSZip does the inflating: it is already the dependency exceljs unpacks with, so the bytes
// counted here are the bytes exceljs will get, and a package cannot show one zip reader one
// content and the other another. Its streams hand the inflated data over in 16 KB pieces.
import JSZip from 'jszip';
import { utf8Bytes } from '../excel/requests';
import { count, MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_TOTAL_BYTES, megabytes, notXlsx, reason, refuse, XlsxRefused } from './xlsx-limits';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The zip's own signature, and its parts counted from their central directory headers (before JSZip builds an object for each). */
function checkPackage(b: Uint8Array, file: string): void {
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) notXlsx(file, 'an old .xls file or a password-protected workbook: save it from Excel as an .xlsx without a password');
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04])) notXlsx(file, 'not a zip package');
  let headers = 0;
  for (let i = b.indexOf(0x50); i >= 0 && i + 3 < b.length; i = b.indexOf(0x50, i + 1)) {
    if (b[i + 1] === 0x4b && b[i + 2] === 0x01 && b[i + 3] === 0x02 && ++headers > MAX_ENTRIES) {
      refuse(file, `the package has more than ${count(MAX_ENTRIES)} parts; an .xlsx workbook has a few dozen (MAX_ENTRIES)`);
    }
  }
}

/** The package and its parts by name, nothing unpacked yet. */
export async function loadParts(bytes: Uint8Array, file: string): Promise<{ zip: JSZip; entries: Map<string, JSZip.JSZipObject> }> {
  checkPackage(bytes, file);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    return notXlsx(file, `the zip package is damaged or cut short: ${reason(e)}`);
  }
  // exceljs drops a leading slash from part names: two parts that differ only by it are one to it.
  const entries = new Map<string, JSZip.JSZipObject>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const name = entry.name.replace(/^\//, '');
    if (entries.has(name)) notXlsx(file, `the package has two parts named ${name}`);
    entries.set(name, entry);
  }
  return { zip, entries };
}

/** Bytes unpacked so far, against the limits. */
export class Budget {
  private total = 0;
  constructor(private readonly file: string) {}
  entry(name: string): (bytes: number) => void {
    let used = 0;
    return (bytes) => {
      used += bytes;
      this.total += bytes;
      if (used > MAX_ENTRY_BYTES) refuse(this.file, `part ${name} unpacks to more than ${megabytes(MAX_ENTRY_BYTES)} (a zip bomb?); PlanSheets reads parts of at most ${megabytes(MAX_ENTRY_BYTES)} (MAX_ENTRY_BYTES)`);
      if (this.total > MAX_TOTAL_BYTES) refuse(this.file, `the package unpacks to more than ${megabytes(MAX_TOTAL_BYTES)} (a zip bomb?); PlanSheets reads workbooks of at most ${megabytes(MAX_TOTAL_BYTES)} unpacked (MAX_TOTAL_BYTES)`);
    };
  }
}

/** JSZip's documented streaming interface (missing from its typings). */
interface StreamHelper {
  on(event: 'data', f: (chunk: string | Uint8Array) => void): StreamHelper;
  on(event: 'end', f: () => void): StreamHelper;
  on(event: 'error', f: (e: Error) => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

/** Thrown by a reader that has seen enough of a part. */
export const ENOUGH = Symbol('enough');

/**
 * Unpacks one part, piece by piece: counted against the budget, text pieces (UTF-8 decoded
 * across piece boundaries by JSZip) handed to `read`. Stops at once when a limit is passed, the
 * reader refuses, or it throws ENOUGH.
 */
export function unpack(file: string, entry: JSZip.JSZipObject, spend: (bytes: number) => void, read?: (text: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let stream: StreamHelper;
    try {
      stream = (entry as unknown as { internalStream(type: string): StreamHelper }).internalStream(read ? 'string' : 'uint8array');
    } catch (e) {
      reject(new XlsxRefused(`${file}: not an .xlsx workbook (part ${entry.name} cannot be unpacked: ${reason(e)})`));
      return;
    }
    let done = false;
    const settle = (e?: unknown) => {
      if (done) return;
      done = true;
      if (e !== undefined) stream.pause();
      if (e === undefined || e === ENOUGH) resolve();
      else reject(e instanceof XlsxRefused ? e : new XlsxRefused(`${file}: not an .xlsx workbook (part ${entry.name} is damaged: ${reason(e)})`));
    };
    stream.on('data', (chunk) => {
      if (done) return;
      try {
        spend(typeof chunk === 'string' ? utf8Bytes(chunk) : chunk.length);
        if (read) read(chunk as string);
      } catch (e) {
        settle(e);
      }
    });
    stream.on('error', (e) => settle(e));
    stream.on('end', () => settle());
    stream.resume();
  });
}
