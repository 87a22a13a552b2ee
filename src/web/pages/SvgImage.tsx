import * as React from 'react';

/**
 * A chart's SVG shown as an image: an image cannot run scripts or reach the page, whatever titles
 * it draws, so text from the plan stays text.
 */
export function SvgImage({ svg, alt }: { svg: string; alt: string }): React.JSX.Element {
  return <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={alt} style={{ maxWidth: '100%', height: 'auto' }} />;
}
