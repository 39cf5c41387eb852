import cytoscape from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { layout } from '../../../src/ui/graph/layout'
import { toElements } from '../../../src/ui/graph/to-elements'
import { createTestLab } from '../../helpers/lab'

describe('toElements (kernel view)', () => {
  it('draws the default host: host > host namespace > lo, eth0, docker0; eth0 cabled to the LAN', () => {
    const elements = toElements(createTestLab().snapshot())
    const brief = elements
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        label: e.label,
        parent: e.parent,
        source: e.source,
        target: e.target,
      }))
      .sort((a, b) => a.id.localeCompare(b.id))
    expect(brief).toEqual([
      {
        id: 'cable:link:host1/l1',
        kind: 'cable',
        label: '',
        parent: undefined,
        source: 'link:host1/l1',
        target: 'segment:lan',
      },
      {
        id: 'host:host1',
        kind: 'host',
        label: 'host1',
        parent: undefined,
        source: undefined,
        target: undefined,
      },
      {
        id: 'link:host1/l0',
        kind: 'interface',
        label: 'lo\n127.0.0.1/8',
        parent: 'netns:host1/ns0',
        source: undefined,
        target: undefined,
      },
      {
        id: 'link:host1/l1',
        kind: 'interface',
        label: 'eth0\n10.10.0.11/24',
        parent: 'netns:host1/ns0',
        source: undefined,
        target: undefined,
      },
      {
        id: 'link:host1/l2',
        kind: 'interface',
        label: 'docker0\n172.17.0.1/16\nnetwork “bridge”\nDOWN · no ports yet',
        parent: 'netns:host1/ns0',
        source: undefined,
        target: undefined,
      },
      {
        id: 'netns:host1/ns0',
        kind: 'netns',
        label: 'host network namespace',
        parent: 'host:host1',
        source: undefined,
        target: undefined,
      },
      {
        id: 'segment:lan',
        kind: 'segment',
        label: 'LAN 10.10.0.0/24\nrouter 10.10.0.1 → Internet',
        parent: undefined,
        source: undefined,
        target: undefined,
      },
    ])
  })

  it('gives Cytoscape a valid compound graph with every node placed', () => {
    const snapshot = createTestLab().snapshot()
    const elements = toElements(snapshot)
    const positions = layout(snapshot)
    const cy = cytoscape({ headless: true })
    for (const e of elements
      .filter((x) => x.source === undefined)
      .sort((a, b) => (a.parent ? 1 : 0) - (b.parent ? 1 : 0))) {
      cy.add({ group: 'nodes', data: { id: e.id, ...(e.parent ? { parent: e.parent } : {}) } })
    }
    for (const e of elements.filter((x) => x.source !== undefined)) {
      cy.add({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } })
    }
    expect(cy.nodes().length).toBe(6)
    expect(cy.getElementById('link:host1/l2').parent().first().id()).toBe('netns:host1/ns0')
    expect(cy.getElementById('netns:host1/ns0').parent().first().id()).toBe('host:host1')
    // Every childless node has a position; the layout is deterministic.
    for (const n of cy.nodes().filter((n) => n.isChildless()))
      expect(positions.has(n.id())).toBe(true)
    expect(layout(createTestLab().snapshot())).toEqual(positions)
  })

  it('draws a container namespace named after its container, wired to docker0 by a veth pair', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web nginx')
    const elements = toElements(lab.snapshot())
    const ns = elements.find((e) => e.kind === 'netns' && e.label === 'web (nginx)')
    expect(ns?.parent).toBe('host:host1')
    const eth0 = elements.find(
      (e) => e.kind === 'interface' && e.parent === ns?.id && e.label.startsWith('eth0'),
    )
    expect(eth0?.label).toBe('eth0\n172.17.0.2/16')
    const veth = elements.find(
      (e) => e.kind === 'veth' && (e.source === eth0?.id || e.target === eth0?.id),
    )
    const hostEnd = elements.find(
      (e) => e.id === (veth?.source === eth0?.id ? veth?.target : veth?.source),
    )
    expect(hostEnd?.label).toMatch(/^veth[0-9a-f]{7}$/)
    expect(elements.find((e) => e.kind === 'port' && e.source === hostEnd?.id)?.target).toBe(
      'link:host1/l2',
    )
    // Positions: the veth ends one above the other.
    const pos = layout(lab.snapshot())
    expect(pos.get(hostEnd?.id ?? '')?.x).toBe(pos.get(eth0?.id ?? '')?.x)
  })

  it('draws a host-mode container inside the host namespace', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name h1 --network host busybox sleep 1000')
    const badge = toElements(lab.snapshot()).find((e) => e.kind === 'container')
    expect(badge).toMatchObject({
      label: 'h1 (busybox)\nhost network mode',
      parent: 'netns:host1/ns0',
    })
    expect(layout(lab.snapshot()).has(badge?.id ?? '')).toBe(true)
  })
})
