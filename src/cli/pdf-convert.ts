// Word to PDF through LibreOffice, for the documents the command line prints (forms, the council
// report). LibreOffice runs headless on a copy in a temporary folder with a profile of its own
// there (a running LibreOffice of the user's, or another conversion at the same time, would
// otherwise take the request or lock the profile), and the folder is removed afterwards.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { UsageError } from './plan-file';

const NEEDS_LIBREOFFICE = {
  en: 'writing PDF needs LibreOffice (soffice) on PATH; write .docx instead with -o FILE.docx',
  fa: 'برای نوشتن PDF باید LibreOffice (soffice) نصب و در PATH باشد؛ به جای آن با ‎-o FILE.docx‎ پرونده Word بنویسید',
};

/** How the conversion runs; tests give another command or a short timeout. */
export interface PdfConvertIo {
  /** The LibreOffice command (default: `soffice` or `libreoffice` found on PATH). */
  command?: string;
  /** Milliseconds before LibreOffice is stopped (default 180 s: a first start builds its profile). */
  timeoutMs?: number;
}

/** `soffice` or `libreoffice` on PATH, or undefined. */
export function findSoffice(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

/** A conversion that could not be done, in both languages, as a usage error (exit 2, no stack). */
function refusal(why: string): UsageError {
  return new UsageError(`${NEEDS_LIBREOFFICE.en} (${why}) / ${NEEDS_LIBREOFFICE.fa}`);
}

/** Runs a command with stdin closed, killing it (and its children) after `timeoutMs`. */
function runQuietly(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; err: string; timedOut: boolean; spawnError?: Error }> {
  return new Promise((resolve) => {
    let err = '';
    let timedOut = false;
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        // The group: soffice starts soffice.bin, which would outlive its parent.
        if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString('utf8')).slice(-2000)));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, err, timedOut, spawnError: e });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, err, timedOut });
    });
  });
}

/** The PDF LibreOffice makes of a .docx's bytes. */
export async function docxToPdf(bytes: Uint8Array, io: PdfConvertIo = {}): Promise<Buffer> {
  const command = io.command ?? findSoffice();
  if (!command) throw refusal('not found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-pdf-'));
  try {
    const input = path.join(dir, 'document.docx');
    fs.writeFileSync(input, bytes);
    const out = path.join(dir, 'out');
    const args = ['--headless', '--norestore', '--nologo', '--nolockcheck', `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--convert-to', 'pdf', '--outdir', out, input];
    const r = await runQuietly(command, args, io.timeoutMs ?? 180000);
    if (r.spawnError) throw refusal(`${command}: ${(r.spawnError as NodeJS.ErrnoException).code ?? r.spawnError.message}`);
    if (r.timedOut) throw refusal(`LibreOffice did not finish in ${Math.round((io.timeoutMs ?? 180000) / 1000)} s`);
    const pdf = path.join(out, 'document.pdf');
    // LibreOffice can exit 0 without writing anything (a profile it cannot use): the file is the proof.
    if (r.code !== 0 || !fs.existsSync(pdf)) {
      const said = r.err.replace(/\s+/g, ' ').trim().slice(0, 300);
      throw refusal(`LibreOffice ${r.code !== 0 ? `exited with ${r.code}` : 'wrote no PDF'}${said ? `: ${said}` : ''}`);
    }
    return fs.readFileSync(pdf);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
