import { TEXT_LIMIT } from '../numbers/limits';
import { pointerSegment } from './problems';
import { MAX_DEPTH } from './value-checks';

// JSON.parse keeps the last of two equal keys in one object and drops the other without a word,
// so a plan edited by hand (or merged by a text tool) can lose a value silently. This scanner
// walks the text JSON.parse has already accepted and finds every repeated key. It only tracks
// structure: string contents are skipped with indexOf, keys are compared as decoded text.
// On the way it notes whether any string or nesting could fail the value checks, so that the
// walk over the parsed plan (value-checks.ts, where those rules live) runs only when one could.

export interface DuplicateKey {
  /** JSON pointer of the second occurrence. */
  path: string;
  key: string;
  /** Offsets in the text of the second and the first occurrence (of their opening quote). */
  at: number;
  firstAt: number;
}

export interface Scan {
  duplicates: DuplicateKey[];
  /**
   * False when a string might not fit a cell or an XML part (longer than TEXT_LIMIT as written,
   * an escape of a control character or a surrogate, a raw surrogate, U+FFFE or U+FFFF) or the
   * nesting reaches MAX_DEPTH. True guarantees that valueProblems finds nothing.
   */
  plain: boolean;
}

/** An open object or array; frames are reused by depth (a file has millions of objects). */
interface Frame {
  object: boolean;
  /** Arrays: the current index. */
  index: number;
  expectKey: boolean;
  /** Objects: the current key, as offsets of its text between the quotes. */
  keyStart: number;
  keyEnd: number;
  /** Objects: the keys so far (offsets, and whether written with escapes), while few. */
  starts: number[];
  ends: number[];
  escaped: boolean[];
  count: number;
  /** Objects with many keys: decoded key -> offset of its opening quote. */
  map: Map<string, number> | undefined;
}

const SMALL = 16;
/** Raw characters no XML part carries (or surrogates, which may be lone). */
const RAW_SUSPECT = /[\ud800-\udfff\ufffe\uffff]/;

/**
 * Scans a valid JSON text: its repeated keys in text order, at most `limit` of them (a hostile
 * file could repeat millions; the first ones are enough to fix it), and whether it is plain.
 */
export function scanJson(text: string, limit = 100): Scan {
  const duplicates: DuplicateKey[] = [];
  let plain = !RAW_SUSPECT.test(text);
  const frames: Frame[] = [];
  let depth = 0;
  let top: Frame | undefined;
  // The next backslash at or after the scan position: strings without escapes (nearly all of
  // them) are skipped with one indexOf for their closing quote.
  let nextEscape = after(text, 0);
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Whitespace, digits, letters of literals, ':' (most of a file) need nothing.
    if (c > 34 && c !== 44 && (c | 32) !== 123 && (c | 32) !== 125) continue;
    if (c === 34 /* " */) {
      let end = text.indexOf('"', i + 1);
      let escaped = false;
      while (nextEscape < end) {
        escaped = true;
        const e = text.charCodeAt(nextEscape + 1);
        if (nextEscape + 1 === end) end = text.indexOf('"', end + 1);
        else if (e === 98 /* b */ || e === 102 /* f */ || (e === 117 /* u */ && suspectEscape(text, nextEscape + 2))) plain = false;
        // The character after a backslash is escaped (a quote or a second backslash included).
        nextEscape = after(text, nextEscape + 2);
      }
      if (end - i - 1 > TEXT_LIMIT) plain = false;
      if (top !== undefined && top.expectKey) {
        top.expectKey = false;
        top.keyStart = i + 1;
        top.keyEnd = end;
        const first = record(text, top, escaped);
        if (first >= 0) {
          duplicates.push({ path: pathOf(text, frames, depth), key: keyText(text, i + 1, end), at: i, firstAt: first });
          if (duplicates.length >= limit) return { duplicates, plain: false };
        }
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      top = frames[depth] ??= { object: false, index: 0, expectKey: false, keyStart: 0, keyEnd: 0, starts: [], ends: [], escaped: [], count: 0, map: undefined };
      top.object = c === 123;
      top.expectKey = top.object;
      top.index = 0;
      top.count = 0;
      top.map = undefined;
      if (++depth >= MAX_DEPTH) plain = false;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      top = --depth > 0 ? frames[depth - 1] : undefined;
    } else if (c === 44 /* , */ && top !== undefined) {
      if (top.object) top.expectKey = true;
      else top.index++;
    }
  }
  return { duplicates, plain };
}

function after(text: string, from: number): number {
  const k = text.indexOf('\\', from);
  return k < 0 ? Infinity : k;
}

/** A `\uXXXX` escape of a control character other than tab/LF/CR, a surrogate, U+FFFE or U+FFFF. */
function suspectEscape(text: string, at: number): boolean {
  const code = parseInt(text.slice(at, at + 4), 16);
  return (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || (code >= 0xd800 && code <= 0xdfff) || code >= 0xfffe;
}

/** The decoded text of a key written between offsets `start` and `end` (its quotes excluded). */
function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/** Equal as written (the usual case, compared in place). */
function sameText(text: string, s1: number, e1: number, s2: number, e2: number): boolean {
  const len = e1 - s1;
  if (len !== e2 - s2) return false;
  for (let k = 0; k < len; k++) if (text.charCodeAt(s1 + k) !== text.charCodeAt(s2 + k)) return false;
  return true;
}

/**
 * Records the current key of an object frame; returns the offset of the opening quote of an
 * equal earlier key, or -1. Keys written with escapes are compared decoded (`\u0061` is `a`).
 */
function record(text: string, frame: Frame, escaped: boolean): number {
  const start = frame.keyStart;
  const end = frame.keyEnd;
  if (frame.map) {
    const key = keyText(text, start, end);
    const first = frame.map.get(key);
    if (first === undefined) frame.map.set(key, start - 1);
    return first ?? -1;
  }
  for (let k = 0; k < frame.count; k++) {
    const s = frame.starts[k];
    const e = frame.ends[k];
    const same = escaped || frame.escaped[k] ? keyText(text, s, e) === keyText(text, start, end) : sameText(text, s, e, start, end);
    if (same) return s - 1;
  }
  const k = frame.count++;
  frame.starts[k] = start;
  frame.ends[k] = end;
  frame.escaped[k] = escaped;
  if (frame.count > SMALL) {
    frame.map = new Map();
    for (let j = 0; j < frame.count; j++) frame.map.set(keyText(text, frame.starts[j], frame.ends[j]), frame.starts[j] - 1);
  }
  return -1;
}

function pathOf(text: string, frames: readonly Frame[], depth: number): string {
  let path = '';
  for (let d = 0; d < depth; d++) {
    const f = frames[d];
    path += '/' + (f.object ? pointerSegment(keyText(text, f.keyStart, f.keyEnd)) : String(f.index));
  }
  return path;
}

/** Line and column (1-based) of each offset, for messages: one pass over the text. */
export function lineColumns(text: string, offsets: readonly number[]): Map<number, { line: number; column: number }> {
  const out = new Map<number, { line: number; column: number }>();
  let line = 1;
  let start = 0;
  let nl = text.indexOf('\n');
  for (const at of [...offsets].sort((a, b) => a - b)) {
    while (nl >= 0 && nl < at) {
      line++;
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    out.set(at, { line, column: at - start + 1 });
  }
  return out;
}
