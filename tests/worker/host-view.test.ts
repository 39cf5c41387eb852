// The diagram's messages and dry runs: `view` answers with a whole model, every change of the
// world follows with a graph diff between the patch and the reply, `query` runs on a fork.

import { describe, expect, it } from 'vitest'
import { createEngineHost } from '../../src/worker/host'
import { PROTOCOL_VERSION, type FromEngine } from '../../src/worker/protocol'

function host(): { send: ReturnType<typeof createEngineHost>; sent: FromEngine[] } {
  const sent: FromEngine[] = []
  const send = createEngineHost((m) => sent.push(m))
  send({ type: 'hello', protocol: PROTOCOL_VERSION, seed: 1 })
  return { send, sent }
}

describe('engine host: the diagram', () => {
  it('answers view with the whole model of that level', () => {
    const h = host()
    h.send({ type: 'view', options: { level: 'docker', rules: false } })
    const graph = h.sent.at(-1)
    expect(graph?.type).toBe('graph')
    if (graph?.type !== 'graph') return
    expect(graph.diff).toMatchObject({ full: true, level: 'docker', light: false })
    expect(graph.diff.added.map((e) => e.kind)).toContain('network')
    expect(graph.diff.legend.map((l) => l.name)).toEqual(['bridge'])
  })

  it('follows a change with patch, graph diff and reply, in that order; the diff is small', () => {
    const h = host()
    h.send({ type: 'view', options: { level: 'kernel', rules: false } })
    const from = h.sent.length
    h.send({ type: 'exec', id: 1, session: 1, line: 'docker run -d --name web nginx' })
    const types = h.sent.slice(from).map((m) => m.type)
    expect(types).toEqual(['patch', 'graph', 'reply'])
    const graph = h.sent[from + 1]
    if (graph?.type !== 'graph') throw new Error('no graph diff')
    expect(graph.diff.full).toBe(false)
    expect(graph.diff.removed).toEqual([])
    // eth0 and lo in the new namespace, the veth's host end, the pair and its bridge port.
    expect(graph.diff.added.map((e) => e.kind).sort()).toEqual([
      'interface',
      'interface',
      'interface',
      'netns',
      'port',
      'veth',
    ])
  })

  it('sends no graph diff for a command that changes nothing drawn', () => {
    const h = host()
    h.send({ type: 'view', options: { level: 'docker', rules: false } })
    const from = h.sent.length
    h.send({ type: 'exec', id: 1, session: 1, line: 'docker network ls' })
    expect(h.sent.slice(from).map((m) => m.type)).toEqual(['reply'])
  })

  it('runs a query on a fork: Docker’s error or output comes back, the world does not change', () => {
    const h = host()
    h.send({ type: 'query', id: 5, line: 'docker network create --subnet 172.17.0.0/16 clash' })
    h.send({ type: 'query', id: 6, line: 'docker network create fine' })
    h.send({ type: 'exec', id: 7, session: 1, line: 'docker network ls --format {{.Name}}' })
    const replies = h.sent.filter((m) => m.type === 'reply')
    expect(replies.map((m) => m.type === 'reply' && m.id)).toEqual([5, 6, 7])
    const [clash, fine, ls] = replies
    if (clash?.type !== 'reply' || fine?.type !== 'reply' || ls?.type !== 'reply') return
    expect(clash.reply.stderr).toContain('Pool overlaps with other one on this address space')
    expect(fine.reply.exitCode).toBe(0)
    expect(ls.reply.stdout).not.toContain('fine')
    expect(h.sent.some((m) => m.type === 'patch')).toBe(false)
  })
})
