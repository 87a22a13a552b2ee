import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The LibreOffice command, or undefined when it is not installed. */
export function soffice(): string | undefined {
  for (const cmd of ['soffice', 'libreoffice']) {
    const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

/** Opens a workbook in LibreOffice (headless, its own profile) and saves it again: it computes every formula. */
export function throughLibreOffice(cmd: string, file: string, workDir: string): string {
  const out = path.join(workDir, 'lo-out');
  fs.mkdirSync(out, { recursive: true });
  execFileSync(cmd, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(workDir, 'lo-profile')}`, '--convert-to', 'xlsx', '--outdir', out, file], {
    stdio: 'pipe',
    timeout: 120000,
  });
  return path.join(out, path.basename(file));
}
