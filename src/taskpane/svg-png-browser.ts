// SVG charts to PNG in the browser (the pane's Word documents carry a PNG beside each SVG): the
// browser draws the SVG into a canvas, with its own fonts for the Persian text.

/** PNG bytes of an SVG, drawn at `scale` times its size. */
export async function svgToPngInBrowser(svg: string, scale = 2): Promise<Uint8Array> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw a chart (no canvas)');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('this browser could not make a PNG of a chart');
  return new Uint8Array(await blob.arrayBuffer());
}
