// The command line as the hostile tests drive it: run in this process (so a test can see a stack
// trace or a thrown error, not just an exit code) and writing into a temporary folder of its own.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';

/** Runs `plansheets ...argv`: its exit code and the lines it printed to each stream. */
export async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * A temporary folder for a test file, removed after its tests (call at the file's top level):
 * `at` names a file in it, `dirFor` makes a fresh folder in it for one test.
 */
export function tempFolder(name: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `plansheets-${name}-`));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  let n = 0;
  return {
    tmp,
    at: (f: string) => path.join(tmp, f),
    dirFor: (prefix: string) => fs.mkdtempSync(path.join(tmp, `${prefix}-${n++}-`)),
  };
}
