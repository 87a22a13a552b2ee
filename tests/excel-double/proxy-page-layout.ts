// A worksheet's page layout (ExcelApi 1.9), held to what its reference pages say:
// learn.microsoft.com/javascript/api/excel/excel.pagelayout (orientation, paperSize, zoom "must be
// set as a JSON object", setPrintTitleRows/Columns: "The range must span the entire row [column]
// to be valid"), excel.pagelayoutzoomoptions (scale "between 10 and 400") and excel.headerfooter.
import { CODES, fault } from './errors';
import { ClientObject } from './proxy-base';
import { spanOf } from './range-ops';
import type { SheetState } from './workbook-state';

export interface PageLayoutState {
  orientation?: string;
  paperSize?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  titleRows?: [number, number];
  titleColumns?: [number, number];
  margins: Record<string, number>;
  headersFooters: Record<string, string>;
}

const layouts = new WeakMap<SheetState, PageLayoutState>();
/** A sheet's page layout as the double holds it. */
export const pageLayoutOf = (t: SheetState): PageLayoutState => {
  let l = layouts.get(t);
  if (!l) layouts.set(t, (l = { margins: {}, headersFooters: {} }));
  return l;
};

const ORIENTATIONS = ['Portrait', 'Landscape'];
// Excel.PaperType (the PageLayout.paperSize page).
const PAPERS = ['Letter', 'LetterSmall', 'Tabloid', 'Ledger', 'Legal', 'Statement', 'Executive', 'A3', 'A4', 'A4Small', 'A5', 'B4', 'B5', 'Folio', 'Quatro', 'Paper10x14', 'Paper11x17', 'Note', 'Envelope9', 'Envelope10', 'Envelope11', 'Envelope12', 'Envelope14', 'Csheet', 'Dsheet', 'Esheet', 'EnvelopeDL', 'EnvelopeC5', 'EnvelopeC3', 'EnvelopeC4', 'EnvelopeC6', 'EnvelopeC65', 'EnvelopeB4', 'EnvelopeB5', 'EnvelopeB6', 'EnvelopeItaly', 'EnvelopeMonarch', 'EnvelopePersonal', 'FanfoldUS', 'FanfoldStdGerman', 'FanfoldLegalGerman'];
const MARGINS = ['leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin'] as const;
const PARTS = ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'] as const;

const pages = (v: unknown) => v === undefined || v === null || (Number.isInteger(v) && (v as number) >= 0);

export class PageLayoutProxy extends ClientObject<SheetState> {
  protected readonly _type = 'PageLayout';
  private group?: HeaderFooterGroupProxy;

  /** @internal */ _scalars(): string[] {
    return ['orientation', 'paperSize', 'zoom', ...MARGINS];
  }
  /** @internal */ _read(t: SheetState, prop: string, location: string): unknown {
    const l = pageLayoutOf(t);
    if (prop === 'orientation') return l.orientation ?? 'Portrait';
    if (prop === 'paperSize') return l.paperSize ?? 'Letter';
    if (prop === 'zoom') return { ...(l.zoom ?? { scale: 100 }) };
    if ((MARGINS as readonly string[]).includes(prop)) return l.margins[prop] ?? 0;
    return fault(CODES.invalidArgument, `PageLayout has no property ${prop} in the double.`, location);
  }
  get headersFooters(): HeaderFooterGroupProxy {
    return (this.group ??= new HeaderFooterGroupProxy(this._ctx, this._ref));
  }
  set orientation(v: string) {
    this._set('orientation', v, (t, loc) => {
      if (!ORIENTATIONS.includes(v)) fault(CODES.invalidArgument, `"${v}" is not a PageOrientation.`, loc);
      pageLayoutOf(t).orientation = v;
    });
  }
  set paperSize(v: string) {
    this._set('paperSize', v, (t, loc) => {
      if (!PAPERS.includes(v)) fault(CODES.invalidArgument, `"${v}" is not a PaperType.`, loc);
      pageLayoutOf(t).paperSize = v;
    });
  }
  /** Set whole, as an object; fit-to counts are whole numbers (0: automatic, the file format's), scale 10 to 400. */
  set zoom(v: PageLayoutState['zoom']) {
    this._set('zoom', v, (t, loc) => {
      if (!v || typeof v !== 'object') return fault(CODES.invalidArgument, 'PageLayout.zoom must be set as an object.', loc);
      const unknown = Object.keys(v).filter((k) => !['horizontalFitToPages', 'verticalFitToPages', 'scale'].includes(k));
      if (unknown.length) fault(CODES.invalidArgument, `Not zoom options: ${unknown.join(', ')}.`, loc);
      if (!pages(v.horizontalFitToPages) || !pages(v.verticalFitToPages)) fault(CODES.invalidArgument, 'Pages to fit must be whole numbers.', loc);
      if (v.scale !== undefined && v.scale !== null && !(v.scale >= 10 && v.scale <= 400)) fault(CODES.invalidArgument, 'The print scale is between 10 and 400.', loc);
      pageLayoutOf(t).zoom = { ...v };
    });
  }
  setPrintTitleRows(rows: string): void {
    this._call('setPrintTitleRows', [rows], (t, loc) => {
      const s = spanOf(t, rows, loc);
      if (!s.wholeRows) fault(CODES.invalidArgument, `Print title rows must span entire rows, not "${rows}".`, loc);
      pageLayoutOf(t).titleRows = [s.r0 + 1, s.r1 + 1];
    });
  }
  setPrintTitleColumns(columns: string): void {
    this._call('setPrintTitleColumns', [columns], (t, loc) => {
      const s = spanOf(t, columns, loc);
      if (!s.wholeColumns) fault(CODES.invalidArgument, `Print title columns must span entire columns, not "${columns}".`, loc);
      pageLayoutOf(t).titleColumns = [s.c0, s.c1];
    });
  }
}
for (const m of MARGINS) {
  Object.defineProperty(PageLayoutProxy.prototype, m, {
    set(this: PageLayoutProxy & { _set: (p: string, v: unknown, f: (t: SheetState, loc: string) => void) => void }, v: number) {
      this._set(m, v, (t, loc) => {
        if (typeof v !== 'number' || !(v >= 0)) fault(CODES.invalidArgument, `${m} is a number of points.`, loc);
        pageLayoutOf(t).margins[m] = v;
      });
    },
  });
}

export class HeaderFooterGroupProxy extends ClientObject<SheetState> {
  protected readonly _type = 'HeaderFooterGroup';
  private all?: HeaderFooterProxy;
  /** @internal */ _scalars(): string[] {
    return [];
  }
  /** @internal */ _read(_t: SheetState, prop: string, location: string): unknown {
    return fault(CODES.invalidArgument, `HeaderFooterGroup has no property ${prop} in the double.`, location);
  }
  get defaultForAllPages(): HeaderFooterProxy {
    return (this.all ??= new HeaderFooterProxy(this._ctx, this._ref));
  }
}

export class HeaderFooterProxy extends ClientObject<SheetState> {
  protected readonly _type = 'HeaderFooter';
  /** @internal */ _scalars(): string[] {
    return [...PARTS];
  }
  /** @internal */ _read(t: SheetState, prop: string, location: string): unknown {
    if ((PARTS as readonly string[]).includes(prop)) return pageLayoutOf(t).headersFooters[prop] ?? '';
    return fault(CODES.invalidArgument, `HeaderFooter has no property ${prop}.`, location);
  }
}
for (const p of PARTS) {
  Object.defineProperty(HeaderFooterProxy.prototype, p, {
    set(this: HeaderFooterProxy & { _set: (p: string, v: unknown, f: (t: SheetState, loc: string) => void) => void }, v: string) {
      this._set(p, v, (t, loc) => {
        if (typeof v !== 'string') fault(CODES.invalidArgument, `${p} is text.`, loc);
        pageLayoutOf(t).headersFooters[p] = v;
      });
    },
    get(this: HeaderFooterProxy & { _get: (p: string) => unknown }) {
      return this._get(p);
    },
  });
}
