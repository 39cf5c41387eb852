// Shared helpers for the diagram's view-model tests: build a view of a test lab, and find the
// elements a learner would point at (a container's namespace, an interface by name, a bar).

import { expect } from 'vitest'
import type { ContainerRecord, NetworkRecord, RecordId } from '../../../src/engine'
import { buildGraph } from '../../../src/view/graph/build'
import type {
  GraphModel,
  ViewElement,
  ViewElementKind,
  ViewOptions,
} from '../../../src/view/graph/types'
import { createTestLab, type TestLab } from '../../helpers/lab'

export const HOST = 'host:host1'

export function model(lab: TestLab, options: ViewOptions): GraphModel {
  return buildGraph(lab.snapshot(), lab.world, options)
}

export const kernelModel = (lab: TestLab, rules = false): GraphModel =>
  model(lab, { level: 'kernel', rules })

export const dockerModel = (lab: TestLab): GraphModel =>
  model(lab, { level: 'docker', rules: false })

/** A lab after these commands, each of which must succeed. */
export function labAfter(...lines: readonly string[]): TestLab {
  const lab = createTestLab()
  for (const line of lines) run(lab, line)
  return lab
}

/** Runs a command that must succeed (a failed setup would make every later check misleading). */
export function run(lab: TestLab, line: string): void {
  const out = lab.run(line)
  expect(out.stderr, line).toBe('')
  expect(out.exitCode, line).toBe(0)
}

export function elementsOf(m: GraphModel, kind: ViewElementKind): ViewElement[] {
  return Object.values(m.elements).filter((e) => e.kind === kind)
}

/** The one element matching `test`; fails the test when there are none or several. */
export function only(m: GraphModel, test: (e: ViewElement) => boolean, what: string): ViewElement {
  const found = Object.values(m.elements).filter(test)
  expect(
    found.map((e) => e.id),
    what,
  ).toHaveLength(1)
  return found[0] as ViewElement
}

export function byId(m: GraphModel, id: string): ViewElement {
  const e = m.elements[id]
  expect(e, id).toBeDefined()
  return e as ViewElement
}

export function container(lab: TestLab, name: string): ContainerRecord {
  const found = Object.values(lab.snapshot().records).find(
    (r): r is ContainerRecord => r.kind === 'container' && r.name === name,
  )
  expect(found, `container ${name}`).toBeDefined()
  return found as ContainerRecord
}

export function network(lab: TestLab, name: string): NetworkRecord {
  const found = Object.values(lab.snapshot().records).find(
    (r): r is NetworkRecord => r.kind === 'network' && r.name === name,
  )
  expect(found, `network ${name}`).toBeDefined()
  return found as NetworkRecord
}

/** The bridge device record of a network (docker0, br-…). */
export function bridgeOf(lab: TestLab, name: string): RecordId {
  const bridge = network(lab, name).bridge
  expect(bridge, `bridge of ${name}`).toBeDefined()
  return bridge as RecordId
}

/** The interface node named `name` (first label line) whose parent is `parent`. */
export function iface(m: GraphModel, name: string, parent: string): ViewElement {
  return only(
    m,
    (e) => e.kind === 'interface' && e.parent === parent && e.label.split('\n')[0] === name,
    `${name} in ${parent}`,
  )
}

/** The host network namespace compound (kernel view). */
export function hostNetns(m: GraphModel): ViewElement {
  return only(m, (e) => e.kind === 'netns' && e.classes.includes('netns-host'), 'host netns')
}

/** The namespace compound (kernel view) that a container's processes run in. */
export function netnsOf(m: GraphModel, c: ContainerRecord): ViewElement {
  return only(m, (e) => e.kind === 'netns' && e.id === c.netns, `netns of ${c.name}`)
}

/** Edges of a kind from or to an element. */
export function edgesAt(m: GraphModel, kind: ViewElementKind, id: string): ViewElement[] {
  return elementsOf(m, kind).filter((e) => e.source === id || e.target === id)
}

/** Fails listing every element of `before` whose position is different (or gone) in `after`. */
export function expectPositionsKept(before: GraphModel, after: GraphModel): void {
  const moved: Record<string, unknown> = {}
  for (const [id, e] of Object.entries(before.elements)) {
    if (e.position === undefined) continue
    const now = after.elements[id]?.position
    if (now?.x !== e.position.x || now.y !== e.position.y)
      moved[id] = { before: e.position, after: now }
  }
  expect(moved).toEqual({})
}
