// Writes .xlsx packages part by part, streaming: a part may be a generator of pieces (a zip bomb's
// gigabytes of text, a sheet of a million rows), deflated as it is produced, so a test that makes
// one holds only its compressed bytes. A plain zip writer (no zip64: parts under 4 GB).
import * as fs from 'fs';
import * as zlib from 'zlib';
import JSZip from 'jszip';

export type PartContent = string | Buffer | (() => Iterable<string | Buffer>);

interface Written {
  name: Buffer;
  crc: number;
  size: number;
  compressed: number;
  offset: number;
}

async function deflate(content: PartContent, out: fs.WriteStream): Promise<{ crc: number; size: number; compressed: number }> {
  const deflater = zlib.createDeflateRaw({ level: 9 });
  let crc = 0;
  let size = 0;
  let compressed = 0;
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      if (!out.write(chunk)) {
        deflater.pause();
        out.once('drain', () => deflater.resume());
      }
    });
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  const pieces = typeof content === 'function' ? content() : [content];
  for (const piece of pieces) {
    const b = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflater.write(b)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await done;
  return { crc, size, compressed };
}

/** Writes a zip package of the given parts, in order. */
export async function writeZip(file: string, parts: ReadonlyArray<readonly [name: string, content: PartContent]>): Promise<void> {
  const out = fs.createWriteStream(file);
  let offset = 0;
  const written: Written[] = [];
  const write = (b: Buffer) => {
    offset += b.length;
    return new Promise<void>((resolve, reject) => out.write(b, (e) => (e ? reject(e) : resolve())));
  };
  for (const [name, content] of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const start = offset;
    // The local header is written with its sizes in a data descriptor after the data (flag bit 3).
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // data descriptor; UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(nameBytes.length, 26);
    await write(Buffer.concat([local, nameBytes]));
    const r = await deflate(content, out);
    offset += r.compressed;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(r.crc >>> 0, 4);
    descriptor.writeUInt32LE(r.compressed, 8);
    descriptor.writeUInt32LE(r.size, 12);
    await write(descriptor);
    written.push({ name: nameBytes, crc: r.crc >>> 0, size: r.size, compressed: r.compressed, offset: start });
  }
  const directoryStart = offset;
  for (const w of written) {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(0x0808, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt32LE(w.crc, 16);
    h.writeUInt32LE(w.compressed, 20);
    h.writeUInt32LE(w.size, 24);
    h.writeUInt16LE(w.name.length, 28);
    h.writeUInt32LE(w.offset, 42);
    await write(Buffer.concat([h, w.name]));
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  await write(end);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** The parts of an .xlsx, in package order, as text (every part of a built book is XML). */
export async function partsOf(file: string): Promise<Array<[string, string]>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const files = Object.values(zip.files).filter((f) => !f.dir);
  return Promise.all(files.map(async (f) => [f.name, await f.async('string')] as [string, string]));
}

/** Writes `file`'s parts to `to`, some changed (from their old text) and some added at the end. */
export async function rewrite(file: string, to: string, change: Record<string, (old: string) => PartContent>, added: ReadonlyArray<readonly [string, PartContent]> = []): Promise<string> {
  const old = await partsOf(file);
  for (const name of Object.keys(change)) if (!old.some(([n]) => n === name)) throw new Error(`${file} has no part ${name}`);
  const parts = old.map(([name, text]): readonly [string, PartContent] => [name, change[name] ? change[name](text) : text]);
  await writeZip(to, [...parts, ...added]);
  return to;
}

/** A worksheet's XML with one cell (by address) replaced; the cell's style is kept unless `style` is given. */
export function withCell(sheetXml: string, address: string, inner: string, attrs = '', style?: string): string {
  const cell = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  const m = cell.exec(sheetXml);
  if (!m) throw new Error(`no cell ${address} in the sheet`);
  const s = style ?? /\ss="(\d+)"/.exec(m[1])?.[1];
  return sheetXml.replace(cell, `<c r="${address}"${s ? ` s="${s}"` : ''}${attrs}>${inner}</c>`);
}
