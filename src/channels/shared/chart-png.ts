// The progress chart (SVG from the coach) as a PNG, for chat apps that do not show SVG (Teams, Slack).
import { Resvg } from '@resvg/resvg-js';

/** Drawn by resvg at twice the size, with the system's fonts (for the axis labels and legend). */
export function chartPng(svg: string): Buffer {
  return new Resvg(svg, { background: '#ffffff', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } }).render().asPng();
}
