// Review on the plan server, on PGlite (postgres.test.ts runs the same suite on a real PostgreSQL).
import { openMigrated } from '../../src/server/migrations';
import { tempFolder } from '../hostile/cli';
import { reviewSuite } from './review-suite';

jest.setTimeout(120000);
const { dirFor } = tempFolder('review');
reviewSuite('PGlite', () => openMigrated({ data: dirFor('db') }));
