/** A table file that cannot be read as one (exit 1): the message names the file and line, in both languages. */
export class TableFileError extends Error {
  constructor(
    readonly en: string,
    readonly fa: string,
  ) {
    super(en);
  }
}
