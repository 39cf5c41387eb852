// The drawing as a standalone SVG document: boxes, lines and labels as Cytoscape renders them
// (their computed styles), so the picture can go into slides and tutorials at any size.
// Written here rather than with a plugin: our shapes are round rectangles, straight lines and
// text (routed edges as polylines), and the only SVG plugin for Cytoscape (cytoscape-svg) has been unmaintained since 2021.

import type { Core, NodeSingular } from 'cytoscape'
import type { Theme } from './stylesheet'

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const num = (v: unknown, fallback = 0): number => {
  const n = Number.parseFloat(String(v))
  return Number.isFinite(n) ? n : fallback
}

function labelOf(
  n: NodeSingular | cytoscape.EdgeSingular,
  x: number,
  y: number,
  anchorTop: boolean,
): string {
  const text = String(n.data('label') ?? '')
  if (text === '') return ''
  const size = num(n.style('font-size'), 11)
  const lines = text.split('\n')
  const lh = size * 1.25
  const y0 = anchorTop ? y + size : y - ((lines.length - 1) * lh) / 2 + size * 0.35
  const color = String(n.style('color'))
  const weight = String(n.style('font-weight'))
  const spans = lines
    .map((l, i) => `<tspan x="${x.toFixed(1)}" y="${(y0 + i * lh).toFixed(1)}">${esc(l)}</tspan>`)
    .join('')
  return `<text font-family="ui-monospace, Menlo, Consolas, monospace" font-size="${size}" font-weight="${esc(weight)}" fill="${esc(color)}" text-anchor="middle">${spans}</text>`
}

export function toSvg(cy: Core, theme: Theme): string {
  const bb = cy.elements().boundingBox({})
  const pad = 20
  const w = Math.ceil(bb.w + pad * 2)
  const h = Math.ceil(bb.h + pad * 2)
  const parts: string[] = []
  const bg = theme === 'dark' ? '#0f172a' : '#f8fafc'
  parts.push(
    `<rect x="${bb.x1 - pad}" y="${bb.y1 - pad}" width="${w}" height="${h}" fill="${bg}"/>`,
  )
  // Compound parents first (outermost first), then edges, then the other nodes on top.
  const depth = (n: NodeSingular): number => n.ancestors().length
  const parents = cy
    .nodes()
    .toArray()
    .filter((n) => n.isParent())
    .sort((a, b) => depth(a) - depth(b))
  const leaves = cy
    .nodes()
    .toArray()
    .filter((n) => n.isChildless())
  for (const n of parents) parts.push(box(n, true))
  for (const e of cy.edges().toArray()) {
    parts.push(edgeSvg(e))
    if (String(e.style('label')) !== '' && e.data('label')) {
      const mid = e.midpoint()
      parts.push(labelOf(e, mid.x, mid.y, false))
    }
  }
  for (const n of leaves) parts.push(box(n, false))
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${bb.x1 - pad} ${bb.y1 - pad} ${w} ${h}">`,
    `<title>Docker Network Lab diagram</title>`,
    ...parts,
    `</svg>`,
  ].join('\n')
}

/**
 * An edge as a polyline through its corners (routed edges: `segments`), with its outline drawn
 * first as a wider stroke (a tunnel's pipe: outline colour, then the line's own colour inside).
 */
function edgeSvg(e: cytoscape.EdgeSingular): string {
  const corners = String(e.style('curve-style')) === 'segments' ? (e.segmentPoints() ?? []) : []
  const pts = [e.sourceEndpoint(), ...corners, e.targetEndpoint()]
    .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ')
  const color = String(e.style('line-color'))
  const width = num(e.style('width'), 2)
  const outline = num(e.style('line-outline-width'), 0)
  const dash = String(e.style('line-style')) === 'dashed' ? ' stroke-dasharray="6 4"' : ''
  const opacity = num(e.style('opacity'), 1)
  const line = (stroke: string, w: number, extra: string): string =>
    `<polyline points="${pts}" fill="none" stroke="${esc(stroke)}" stroke-width="${w}" stroke-linejoin="round" opacity="${opacity}"${extra}/>`
  return (
    (outline > 0 ? line(String(e.style('line-outline-color')), width + 2 * outline, '') : '') +
    line(color, width, dash)
  )
}

function box(n: NodeSingular, parent: boolean): string {
  const b = n.boundingBox({ includeLabels: false, includeOverlays: false })
  const fill = String(n.style('background-color'))
  const fillOpacity = num(n.style('background-opacity'), 1)
  const stroke = String(n.style('border-color'))
  const sw = num(n.style('border-width'), 0)
  const dash = String(n.style('border-style')) === 'dashed' ? ' stroke-dasharray="6 4"' : ''
  const opacity = num(n.style('opacity'), 1)
  const rect = `<rect x="${(b.x1 + sw / 2).toFixed(1)}" y="${(b.y1 + sw / 2).toFixed(1)}" width="${Math.max(0, b.w - sw).toFixed(1)}" height="${Math.max(0, b.h - sw).toFixed(1)}" rx="8" fill="${esc(fill)}" fill-opacity="${fillOpacity}" stroke="${esc(stroke)}" stroke-width="${sw}" opacity="${opacity}"${dash}/>`
  const label = parent
    ? labelOf(n, (b.x1 + b.x2) / 2, b.y1 - num(n.style('font-size'), 11) * 1.4, true)
    : labelOf(n, n.position().x, n.position().y, false)
  return rect + label
}
