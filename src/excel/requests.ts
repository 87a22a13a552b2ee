// Excel on the web refuses a request or a response over 5 MB (learn.microsoft.com, "Resource
// limits and performance optimization for Office Add-ins"), and the payload is JSON sent as
// UTF-8: Persian text takes two bytes a character. Writes are cut into requests by their UTF-8
// size, with room left for the commands around the cells.

/** What one request's cells may weigh, in UTF-8 bytes of their JSON. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;

/** UTF-8 bytes of a string, without encoding it. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export const jsonBytes = (v: unknown): number => utf8Bytes(JSON.stringify(v) ?? '');

/** Row chunks of a matrix, each within `budget` bytes (a single larger row is a chunk of its own). */
export function chunkRows<T>(rows: T[][], budget = REQUEST_BUDGET): Array<{ start: number; rows: T[][] }> {
  const chunks: Array<{ start: number; rows: T[][] }> = [];
  let current: T[][] = [];
  let start = 0;
  let size = 0;
  rows.forEach((row, i) => {
    const rowSize = jsonBytes(row);
    if (current.length && size + rowSize > budget) {
      chunks.push({ start, rows: current });
      current = [];
      start = i;
      size = 0;
    }
    current.push(row);
    size += rowSize;
  });
  if (current.length) chunks.push({ start, rows: current });
  return chunks;
}
