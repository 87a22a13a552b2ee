// Custom XML parts inside an .xlsx (the OOXML package), where Excel keeps the plan a workbook was
// built from. exceljs does not write them: the parts and the two package files that declare them
// are made here, for a package being streamed (write-book) or one already in memory (JSZip).
import JSZip from 'jszip';

const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
const REL_PROPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';
const PROPS_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';

function newGuid(): string {
  const hex = [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}}`.toUpperCase();
}

/** What adding custom XML part number `n` takes: its three files, and the edits of the workbook's relationships and the content types. */
export interface CustomXmlAddition {
  parts: Array<{ name: string; text: string }>;
  /** xl/_rels/workbook.xml.rels with the part related from the workbook, as Excel does. */
  workbookRels(rels: string): string;
  /** [Content_Types].xml with the part's properties typed (and .xml given a type when it had none). */
  contentTypes(types: string): string;
}

export function customXmlAddition(xml: string, n = 1): CustomXmlAddition {
  return {
    parts: [
      { name: `customXml/item${n}.xml`, text: xml },
      {
        name: `customXml/itemProps${n}.xml`,
        text: `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="${newGuid()}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
      },
      {
        name: `customXml/_rels/item${n}.xml.rels`,
        text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_PROPS}" Target="itemProps${n}.xml"/></Relationships>`,
      },
    ],
    workbookRels(rels) {
      let id = 1;
      while (rels.includes(`Id="rId${id}"`)) id++;
      return rels.replace('</Relationships>', `<Relationship Id="rId${id}" Type="${REL_CUSTOM_XML}" Target="../customXml/item${n}.xml"/></Relationships>`);
    },
    contentTypes(types) {
      const withProps = types.replace('</Types>', `<Override PartName="/customXml/itemProps${n}.xml" ContentType="${PROPS_TYPE}"/></Types>`);
      return /Default Extension="xml"/.test(withProps) ? withProps : withProps.replace('</Types>', '<Default Extension="xml" ContentType="application/xml"/></Types>');
    },
  };
}

/** Adds a custom XML part to an .xlsx package held in memory (for books made by other means than write-book, such as tests'). */
export async function addCustomXmlPart(xlsx: Buffer, xml: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  let n = 1;
  while (zip.file(`customXml/item${n}.xml`)) n++;
  const add = customXmlAddition(xml, n);
  for (const p of add.parts) zip.file(p.name, p.text);
  const relsPath = 'xl/_rels/workbook.xml.rels';
  zip.file(relsPath, add.workbookRels(await zip.file(relsPath)!.async('string')));
  zip.file('[Content_Types].xml', add.contentTypes(await zip.file('[Content_Types].xml')!.async('string')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The custom XML parts of a package (the items, not their properties). */
export const CUSTOM_XML_PART = /^customXml\/item\d+\.xml$/;

/**
 * The text of every custom XML part, in package order, from the parts open-xlsx kept (it unpacks
 * them within its limits and refuses DTDs). Never throws: what a part holds is judged by its reader.
 */
export function readCustomXmlParts(parts: ReadonlyMap<string, string>): string[] {
  return [...parts].filter(([name]) => CUSTOM_XML_PART.test(name)).map(([, text]) => text);
}
