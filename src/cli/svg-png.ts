// SVG charts to PNG for documents (Word wants a bitmap beside an SVG picture), with resvg: a
// maintained renderer shipped as a prebuilt binary inside its npm package, using the machine's
// fonts for the Persian text.
import { Resvg } from '@resvg/resvg-js';

/** PNG bytes of an SVG, drawn at `scale` times its size (2: sharp when printed). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const r = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  });
  return Buffer.from(r.render().asPng());
}
