// The stylesheet on headless Cytoscape: what the new element kinds look like once the model's
// data is mapped (routed tunnels, stacked-device lines, overlay sandboxes, VXLAN devices).

import cytoscape from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { toDefinition } from '../../../src/ui/graph/graph-adapter'
import { stylesheet, type Theme } from '../../../src/ui/graph/stylesheet'
import { buildGraph } from '../../../src/view/graph/build'
import { overlayColor } from '../../../src/view/graph/colors'
import { vnetLab } from '../../view/graph/swarm-lab'

const lab = vnetLab({ encrypted: '' })
const model = buildGraph(lab.engine.snapshot(), lab.engine.world, { level: 'kernel', rules: false })

function drawn(theme: Theme, webgl = false): cytoscape.Core {
  const rank = (e: { source?: string; parent?: string; position?: unknown }): number =>
    e.source !== undefined ? 3 : e.position === undefined ? (e.parent === undefined ? 0 : 1) : 2
  const elements = Object.values(model.elements).sort((a, b) => rank(a) - rank(b))
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: stylesheet(theme, { webgl }),
    elements: elements.map((e) => toDefinition(e)),
  })
}

describe.each(['light', 'dark'] as const)('the %s stylesheet', (theme) => {
  const cy = drawn(theme)
  const tunnel = cy.edges('.tunnel').filter((e) => String(e.data('label')).startsWith('VXLAN 4097'))

  it('routes a tunnel as a U under the bands: two corners at the model’s bend', () => {
    expect(tunnel.length).toBe(1)
    expect(tunnel.style('curve-style')).toBe('segments')
    expect(tunnel.style('segment-distances')).toBe('100px 100px')
    expect(tunnel.style('segment-weights')).toBe('0 1')
    expect(tunnel.style('edge-distances')).toBe('node-position')
  })

  it('draws a tunnel as a pipe in its overlay’s colour, filled when encrypted', () => {
    expect(tunnel.style('line-outline-color')).toBe(hex(overlayColor(4097)))
    expect(parseFloat(String(tunnel.style('line-outline-width')))).toBeGreaterThan(0)
    expect(tunnel.hasClass('encrypted')).toBe(true)
    expect(tunnel.style('line-color')).not.toBe(hex(overlayColor(4097)))
  })

  it('tints an overlay sandbox and gives vxlan0 the shape of a pipe’s end', () => {
    const box = cy.nodes('.netns-overlay').first()
    expect(box.style('border-color')).toBe(hex(String(box.data('color'))))
    const vxlan = cy.nodes('.link-vxlan').first()
    expect(vxlan.style('shape')).toBe('barrel')
  })
})

describe('the WebGL stylesheet', () => {
  it('draws a tunnel as a solid line in its colour (no outlines there)', () => {
    const cy = drawn('light', true)
    const tunnel = cy.edges('.tunnel').first()
    expect(tunnel.style('line-color')).toBe(hex(String(tunnel.data('color'))))
  })
})

/** Cytoscape reports colours as `rgb(r,g,b)`. */
function hex(color: string): string {
  const n = Number.parseInt(color.slice(1), 16)
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`
}
