// Text tables arrive in whatever encoding the program that saved them chose: UTF-8 (with or
// without a BOM), UTF-16 (Excel's "Save as Unicode Text"), or Windows-1256 (what Persian
// Windows calls "ANSI"). Only these are guessed; anything else is named with --encoding.
import { isUtf8 } from 'buffer';
import iconv from 'iconv-lite';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1256'] as const;
export type TextEncoding = (typeof ENCODINGS)[number];

const NAMES: Record<string, TextEncoding> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  windows1256: 'windows-1256',
  cp1256: 'windows-1256',
  win1256: 'windows-1256',
};

/** The encoding a user named (any case, with or without dashes), or undefined when unknown. */
export function encodingNamed(name: string): TextEncoding | undefined {
  return NAMES[name.toLowerCase().replace(/[-_\s]/g, '')];
}

/** How much of a file the NUL pattern is judged on. */
const SAMPLE = 65536;

/**
 * UTF-16 without a BOM, when the NULs say so: text tables always have ASCII tabs, spaces and
 * line ends, whose high byte is 0, so one byte of each pair is often NUL and the other almost
 * never. A stray NUL in UTF-8 text, or random bytes, shows no such pattern.
 */
function utf16ByNuls(bytes: Buffer): TextEncoding | undefined {
  const pairs = Math.floor(Math.min(bytes.length, SAMPLE) / 2);
  if (pairs < 2) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const plain = (many: number, few: number) => many >= pairs * 0.05 && few * 10 <= many;
  if (plain(odd, even)) return 'utf-16le';
  if (plain(even, odd)) return 'utf-16be';
  return undefined;
}

const REPLACEMENT = Buffer.from('\ufffd', 'utf8');

/** Byte sequences of UTF-8-looking bytes that are not UTF-8, and the non-ASCII characters that are. */
function utf8Counts(bytes: Buffer): { invalid: number; multibyte: number } {
  let replaced = 0;
  let multibyte = 0;
  for (const ch of bytes.toString('utf8')) {
    if (ch === '\ufffd') replaced++;
    else if (ch > '\u007f') multibyte++;
  }
  // A U+FFFD written in the file is a character, not damage.
  let written = 0;
  for (let i = bytes.indexOf(REPLACEMENT); i >= 0; i = bytes.indexOf(REPLACEMENT, i + 3)) written++;
  return { invalid: replaced - written, multibyte: multibyte + written };
}

/**
 * The encoding of a text file's bytes: by BOM, then by NUL pattern, then UTF-8 when its bytes
 * are UTF-8 but for a few damaged ones (Windows-1256 Persian text is invalid UTF-8 at nearly
 * every letter), else Windows-1256.
 */
export function detectEncoding(bytes: Buffer): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const utf16 = utf16ByNuls(bytes);
  if (utf16) return utf16;
  if (isUtf8(bytes)) return 'utf-8';
  const { invalid, multibyte } = utf8Counts(bytes);
  return multibyte >= invalid * 4 ? 'utf-8' : 'windows-1256';
}

export interface DecodedText {
  /** The characters, without BOM, every line ending (CRLF, CR, LF) as LF. */
  text: string;
  encoding: TextEncoding;
  /** Byte sequences that were not valid in the encoding, each read as U+FFFD (�). */
  invalid: number;
}

/**
 * A text file's characters in the encoding given or detected. Windows-1256 has no Persian yeh
 * (ی): Windows saves it as the Arabic yeh (ي), which is turned back here so titles match the
 * same text saved as Unicode.
 */
export function decodeText(bytes: Buffer, encoding: TextEncoding = detectEncoding(bytes)): DecodedText {
  let text = iconv.decode(bytes, encoding);
  if (encoding === 'windows-1256') text = text.replace(/\u064a/g, '\u06cc');
  const invalid = encoding === 'utf-8' && !isUtf8(bytes) ? utf8Counts(bytes).invalid : 0;
  return { text: text.replace(/\r\n?/g, '\n'), encoding, invalid };
}
