// Reading PDFs as a person would: page count and sizes (pdfinfo), the text of each page
// (pdftotext) and how much of a page is drawn in some grey range (pdftoppm), from Debian's
// poppler-utils. CI installs it; elsewhere a machine without it skips the PDF checks.
import { execFileSync, spawnSync } from 'child_process';
import { soffice } from './libreoffice';

export const POPPLER = spawnSync('sh', ['-c', 'command -v pdfinfo && command -v pdftotext && command -v pdftoppm']).status === 0;
if (process.env.CI && !POPPLER) throw new Error('pdfinfo, pdftotext and pdftoppm are needed for these tests: apt-get install -y poppler-utils');

/** A4 in points (210 x 297 mm). */
export const A4 = { short: 595.28, long: 841.89 };

/** pdfinfo's page count and the size of every page, in points. */
export function pdfPages(pdf: string): { count: number; sizes: Array<{ w: number; h: number }> } {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ w: Number(m[1]), h: Number(m[2]) }));
  return { count, sizes };
}

/** The text of each page (pdftotext separates pages with a form feed), without the bidi marks it puts around right-to-left runs. */
export function pageTexts(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .split('\f')
    .slice(0, -1);
}

/** The share of a page's pixels (drawn at 30 dpi in grey) whose grey level is within [lo, hi] (0 black, 255 white). */
export function greyShare(pdf: string, page: number, lo: number, hi: number): number {
  const pgm = execFileSync('pdftoppm', ['-r', '30', '-gray', '-f', String(page), '-l', String(page), pdf], { maxBuffer: 64 * 1024 * 1024 });
  // Binary PGM: "P5\n<w> <h>\n255\n" then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
  const data = pgm.subarray(header[0].length);
  let n = 0;
  for (const v of data) if (v >= lo && v <= hi) n++;
  return n / data.length;
}

/** LibreOffice, which prints the workbooks and documents to PDF; CI installs it and must run these checks. */
export const LO = soffice();
if (process.env.CI && !LO) throw new Error('LibreOffice is needed for these tests: apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui');
/** Outside CI a machine without LibreOffice or poppler skips the PDF checks. */
export const withPdf = LO && POPPLER ? describe : describe.skip;
