// The API suite on PGlite in a temporary folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openDatabase } from '../../src/server/db';
import { apiSuite } from './api-suite';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-pglite-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

apiSuite('PGlite', () => openDatabase({ data: dir }));
