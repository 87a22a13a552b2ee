// People and their tokens. A token is 32 random bytes, shown once when the person is added; the
// database keeps only its SHA-256, so a copy of the database signs nobody in.
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { Db } from './db';
import type { Role, User } from '../core/rights/rights';

export class UserError extends Error {}

const hash = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** A name people can read in the audit trail: letters (any script), digits, `.`, `_`, `-`, `@`. */
const NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

export interface UserRow extends User {
  created: string;
  revoked: string | null;
}

interface Row {
  name: string;
  role: Role;
  units: string[];
  token_hash: string;
  created: Date | string;
  revoked: Date | string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const toUser = (r: Row): UserRow => ({ name: r.name, role: r.role, units: r.units, created: iso(r.created), revoked: r.revoked === null ? null : iso(r.revoked) });

/** Adds a person; returns their token (the only time it exists outside their hands). */
export async function addUser(db: Db, name: string, role: Role, units: readonly string[]): Promise<string> {
  if (!NAME.test(name)) throw new UserError(`"${name}" is not a usable name: 1 to 64 letters, digits, ".", "_", "-" or "@"`);
  if (role === 'reporter' && units.length === 0) throw new UserError('a reporter needs at least one --unit');
  if (role !== 'reporter' && units.length > 0) throw new UserError(`--unit is for reporters; a ${role} reads every unit`);
  const token = randomBytes(32).toString('base64url');
  const added = await db.query<{ name: string }>('INSERT INTO users (name, role, units, token_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING name', [name, role, [...new Set(units)], hash(token).toString('hex')]);
  if (added.length === 0) throw new UserError(`there is already someone called "${name}" (revoked people keep their name in the audit trail)`);
  return token;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return (await db.query<Row>('SELECT * FROM users ORDER BY name')).map(toUser);
}

/** Revokes a person's token at once; false when nobody active has that name. */
export async function revokeUser(db: Db, name: string): Promise<boolean> {
  return (await db.query('UPDATE users SET revoked = now() WHERE name = $1 AND revoked IS NULL RETURNING name', [name])).length > 0;
}

/**
 * The active person a token belongs to. The row is found by the token's hash (a lookup by hash
 * tells an attacker nothing about any token), then the hashes are compared in constant time.
 */
export async function userOfToken(db: Db, token: string): Promise<User | undefined> {
  if (token.length === 0 || token.length > 200) return undefined;
  const given = hash(token);
  const [row] = await db.query<Row>('SELECT * FROM users WHERE token_hash = $1 AND revoked IS NULL', [given.toString('hex')]);
  if (!row) return undefined;
  const stored = Buffer.from(row.token_hash, 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given) ? { name: row.name, role: row.role, units: row.units } : undefined;
}
