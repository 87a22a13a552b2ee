/* global fetch, btoa */
/** The right-to-left sheet template (assets/rtl-template.xlsx), as the base64 insertWorksheetsFromBase64 takes. */
export async function loadRtlTemplate(): Promise<string> {
  const bytes = new Uint8Array(await (await fetch('assets/rtl-template.xlsx')).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
