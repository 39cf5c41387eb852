import { describe, expect, it } from 'vitest'
import { applyGraphDiff, diffGraph, emptyGraphDiff } from '../../../src/view/graph/diff'
import type { GraphModel, ViewOptions } from '../../../src/view/graph/types'
import { createTestLab } from '../../helpers/lab'
import { bridgeOf, container, dockerModel, kernelModel, labAfter, model, run } from './graph-lab'

const VIEWS: readonly ViewOptions[] = [
  { level: 'kernel', rules: false },
  { level: 'kernel', rules: true },
  { level: 'docker', rules: false },
]

describe('diffGraph', () => {
  it.each(VIEWS)('finds nothing to send between two builds of one $level world', (view) => {
    const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
    const prev = model(lab, view)
    const d = diffGraph(prev, model(lab, view))
    expect(d).toMatchObject({ full: false, added: [], updated: [], removed: [] })
    expect(emptyGraphDiff(prev, d)).toBe(true)
  })

  it('sends the first model whole', () => {
    const m = kernelModel(createTestLab())
    const d = diffGraph(undefined, m)
    expect(d.full).toBe(true)
    expect(d.added).toEqual(Object.values(m.elements))
    expect(emptyGraphDiff(undefined, d)).toBe(false)
  })

  it('only adds elements for a new container, updating at most the bridge it wakes up', () => {
    const lab = createTestLab()
    const prev = kernelModel(lab)
    run(lab, 'docker run -d --name web -p 8080:80 nginx')
    const d = diffGraph(prev, kernelModel(lab))
    const web = container(lab, 'web')
    expect(d.full).toBe(false)
    expect(d.removed).toEqual([])
    expect(d.updated.map((e) => e.id)).toEqual([bridgeOf(lab, 'bridge')])
    expect(d.updated[0]?.label).not.toContain('DOWN')
    expect(d.added.map((e) => e.id)).toContain(web.netns)
    expect(d.added.map((e) => e.id)).toContain(`badge:${web.id}`)
  })

  it('only adds elements for a new container in the docker view', () => {
    const lab = labAfter('docker run -d --name web nginx')
    const prev = dockerModel(lab)
    run(lab, 'docker run -d --name api busybox sleep 1d')
    const d = diffGraph(prev, dockerModel(lab))
    const api = container(lab, 'api')
    expect(d.removed).toEqual([])
    expect(d.updated).toEqual([])
    expect(d.added.map((e) => e.source ?? e.id)).toEqual([api.id, api.id])
    expect(d.legend.find((l) => l.name === 'bridge')?.containers).toBe(2)
  })

  it('sends a changed legend even when no element changed', () => {
    const prev = dockerModel(createTestLab())
    const next: GraphModel = {
      ...prev,
      legend: prev.legend.map((l) => ({ ...l, containers: l.containers + 1 })),
    }
    const d = diffGraph(prev, next)
    expect(d).toMatchObject({ full: false, added: [], updated: [], removed: [] })
    expect(emptyGraphDiff(prev, d)).toBe(false)
  })

  it.each([
    ['the level', { level: 'docker', rules: false }],
    ['the rules overlay', { level: 'kernel', rules: true }],
  ] as const)('sends the whole model when %s changes', (_what, view) => {
    const lab = labAfter('docker run -d --name web nginx')
    const next = model(lab, view)
    const d = diffGraph(kernelModel(lab), next)
    expect(d).toMatchObject({ full: true, level: view.level, rules: view.rules, removed: [] })
    expect(d.added).toEqual(Object.values(next.elements))
    expect(applyGraphDiff(kernelModel(lab), d)).toStrictEqual(next)
  })
})

describe('applyGraphDiff', () => {
  const session = [
    'docker run -d --name web -p 8080:80 nginx',
    'docker network create net1',
    'docker network connect net1 web',
    'docker run -d --name side --network container:web busybox sleep 1d',
    'docker run -d --name hostly --network host busybox sleep 1d',
    'docker stop web',
    'docker rm -f side',
    'docker network disconnect net1 web',
    'docker network rm net1',
  ]

  it.each(VIEWS)('replays a learner session onto the $level model, step by step', (view) => {
    const lab = createTestLab()
    let shown = applyGraphDiff(undefined, diffGraph(undefined, model(lab, view)))
    for (const line of session) {
      run(lab, line)
      const next = model(lab, view)
      shown = applyGraphDiff(shown, diffGraph(shown, next))
      expect(shown, line).toStrictEqual(next)
    }
  })

  it('removes what a removed container drew', () => {
    const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
    const prev = kernelModel(lab)
    const web = container(lab, 'web')
    run(lab, 'docker rm -f web')
    const d = diffGraph(prev, kernelModel(lab))
    expect(d.removed).toEqual(expect.arrayContaining([web.netns, `badge:${web.id}`]))
    expect(Object.keys(applyGraphDiff(prev, d).elements)).not.toContain(web.netns)
  })

  it('keeps the identity of every element the diff does not touch', () => {
    const lab = createTestLab()
    const prev = kernelModel(lab)
    run(lab, 'docker run -d --name web nginx')
    const d = diffGraph(prev, kernelModel(lab))
    const next = applyGraphDiff(prev, d)
    const touched = new Set([...d.added, ...d.updated].map((e) => e.id))
    for (const [id, e] of Object.entries(prev.elements))
      if (!touched.has(id)) expect(next.elements[id], id).toBe(e)
  })
})
