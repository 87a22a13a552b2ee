// `import --units FILE`: the municipality's units, so that headings are mapped onto them and no
// unit is invented. The file is a plan (its units), a JSON list of units, or a text table with one
// unit per line: `title`, or `id<TAB>title` (a comma works too), optionally more names after.
import * as path from 'path';
import type { KnownUnit } from '../core/importer/importer';
import { readBytes } from './files';
import { decodeText } from './decode-text';
import { TableFileError } from './table-file-error';

// The plan schema's id rule: no control characters, no space at either end.
// eslint-disable-next-line no-control-regex -- the rule is about control characters
const ID = /^(?!\s)[^\u0000-\u001f\u007f]*(?<!\s)$/;

function fail(file: string, where: string, en: string, fa: string): never {
  throw new TableFileError(`${file}${where}: ${en}`, `${file}${where}: ${fa}`);
}

export function readKnownUnits(file: string): KnownUnit[] {
  const name = path.basename(file);
  const { text } = decodeText(readBytes(file));
  const units = /^\s*[[{]/.test(text) ? fromJson(text, name) : fromLines(text, name);
  if (units.length === 0) fail(name, '', 'no unit in the file: expected one unit per line (title, or id and title)', 'هیچ واحدی در پرونده نیست: در هر سطر یک واحد (عنوان، یا شناسه و عنوان) انتظار می‌رفت');
  const seen = new Map<string, string>();
  for (const u of units) {
    if (!ID.test(u.id)) fail(name, ` (${u.title})`, `the id '${u.id}' has a control character or a space at an end`, `شناسه '${u.id}' نویسهٔ کنترلی یا فاصله در ابتدا یا انتها دارد`);
    if (seen.has(u.id)) fail(name, ` (${u.id})`, `the id is given twice (${seen.get(u.id)}, ${u.title})`, `شناسه دو بار آمده است (${seen.get(u.id)}، ${u.title})`);
    seen.set(u.id, u.title);
  }
  return units;
}

function fromJson(text: string, name: string): KnownUnit[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    fail(name, '', `not valid JSON: ${(e as Error).message}`, `JSON معتبر نیست: ${(e as Error).message}`);
  }
  const list = Array.isArray(value) ? value : (value as { units?: unknown })?.units;
  if (!Array.isArray(list)) fail(name, '', 'expected a list of units, {"units": […]} or a plan file', 'فهرست واحدها، {"units": […]} یا پرونده برنامه انتظار می‌رفت');
  return list.map((u, i) => {
    const o = u as Record<string, unknown>;
    const title = typeof u === 'string' ? u : o?.title;
    if (typeof title !== 'string' || !title.trim()) fail(name, ` /units/${i}`, 'expected a unit with a "title"', 'واحدی با "title" انتظار می‌رفت');
    const id = typeof o?.id === 'string' ? o.id : `u${i + 1}`;
    const aliases = Array.isArray(o?.aliases) ? o.aliases.filter((a): a is string => typeof a === 'string') : [];
    return { id, title: title.trim(), ...(typeof o?.titleEn === 'string' ? { titleEn: o.titleEn } : {}), ...(aliases.length ? { aliases } : {}) };
  });
}

function fromLines(text: string, name: string): KnownUnit[] {
  const units: KnownUnit[] = [];
  text.split('\n').forEach((line, i) => {
    const cells = line.split(line.includes('\t') ? '\t' : ',').map((c) => c.trim());
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    if (!cells.length || cells[0].startsWith('#')) return;
    if (cells.length === 1) return void units.push({ id: `u${units.length + 1}`, title: cells[0] });
    if (!cells[1]) fail(name, `:${i + 1}`, 'a unit id without a title', 'شناسهٔ واحد بدون عنوان');
    units.push({ id: cells[0], title: cells[1], ...(cells.length > 2 ? { aliases: cells.slice(2).filter(Boolean) } : {}) });
  });
  return units;
}
