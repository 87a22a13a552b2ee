// Media types the pages send: workbooks, and the evidence files the server keeps (it checks each
// file's first bytes against its type, so a page cannot pass HTML off as a picture).
export const XLSX_MEDIA = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const EVIDENCE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  xlsx: XLSX_MEDIA,
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The type to send a file as: by its name's extension (browsers often leave File.type empty for Office files). */
export function evidenceType(name: string): string | undefined {
  return EVIDENCE_TYPES[name.split('.').pop()?.toLowerCase() ?? ''];
}

export const EVIDENCE_ACCEPT = Object.keys(EVIDENCE_TYPES).map((e) => `.${e}`).join(',');
