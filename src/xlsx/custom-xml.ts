// Custom XML parts inside an .xlsx (the OOXML package), where Excel keeps the plan a workbook was
// built from. exceljs does not handle them, so the package is edited with JSZip.
import JSZip from 'jszip';

const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
const REL_PROPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';
const PROPS_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';

function newGuid(): string {
  const hex = [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}}`.toUpperCase();
}

/** Adds a custom XML part (related from the workbook, as Excel does) to an .xlsx package. */
export async function addCustomXmlPart(xlsx: Buffer, xml: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  let n = 1;
  while (zip.file(`customXml/item${n}.xml`)) n++;
  zip.file(`customXml/item${n}.xml`, xml);
  zip.file(
    `customXml/itemProps${n}.xml`,
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="${newGuid()}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
  );
  zip.file(
    `customXml/_rels/item${n}.xml.rels`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_PROPS}" Target="itemProps${n}.xml"/></Relationships>`,
  );
  const relsPath = 'xl/_rels/workbook.xml.rels';
  const rels = await zip.file(relsPath)!.async('string');
  let id = 1;
  while (rels.includes(`Id="rId${id}"`)) id++;
  zip.file(relsPath, rels.replace('</Relationships>', `<Relationship Id="rId${id}" Type="${REL_CUSTOM_XML}" Target="../customXml/item${n}.xml"/></Relationships>`));
  const types = await zip.file('[Content_Types].xml')!.async('string');
  let withTypes = types.replace('</Types>', `<Override PartName="/customXml/itemProps${n}.xml" ContentType="${PROPS_TYPE}"/></Types>`);
  if (!/Default Extension="xml"/.test(withTypes)) withTypes = withTypes.replace('</Types>', '<Default Extension="xml" ContentType="application/xml"/></Types>');
  zip.file('[Content_Types].xml', withTypes);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The text of every custom XML part of an .xlsx package. */
export async function readCustomXmlParts(xlsx: Buffer | ArrayBuffer | Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const parts = zip.file(/^customXml\/item\d+\.xml$/);
  return Promise.all(parts.map((f) => f.async('string')));
}
