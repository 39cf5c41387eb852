import { describe, expect, it } from 'vitest'
import { createEngineHost } from '../../src/worker/host'
import { PROTOCOL_VERSION, type FromEngine } from '../../src/worker/protocol'

function host(): { send: ReturnType<typeof createEngineHost>; sent: FromEngine[] } {
  const sent: FromEngine[] = []
  return { send: createEngineHost((m) => sent.push(m)), sent }
}

describe('engine host', () => {
  it('answers hello with the full snapshot and the prompt', () => {
    const h = host()
    h.send({ type: 'hello', protocol: PROTOCOL_VERSION, seed: 1 })
    expect(h.sent).toHaveLength(1)
    const ready = h.sent[0]
    expect(ready?.type).toBe('ready')
    if (ready?.type !== 'ready') return
    expect(ready.prompt).toBe('root@host1:~# ')
    expect(ready.protocol).toBe(PROTOCOL_VERSION)
    expect(Object.keys(ready.snapshot.records)).toContain('host:host1')
  })

  it('runs a command line and replies with its output; a read-only command sends no patch', () => {
    const h = host()
    h.send({ type: 'hello', protocol: PROTOCOL_VERSION, seed: 1 })
    h.send({ type: 'exec', id: 7, session: 1, line: 'foo' })
    expect(h.sent.slice(1)).toEqual([
      {
        type: 'reply',
        id: 7,
        reply: {
          stdout: '',
          stderr: 'bash: foo: command not found\n',
          exitCode: 127,
          prompt: 'root@host1:~# ',
          ticking: false,
        },
      },
    ])
  })

  it('completes a line at the cursor without changing the world', () => {
    const h = host()
    h.send({ type: 'hello', protocol: PROTOCOL_VERSION, seed: 1 })
    h.send({ type: 'exec', id: 1, session: 1, line: 'docker network create appnet' })
    h.send({ type: 'complete', id: 2, session: 1, line: 'docker net', cursor: 10 })
    h.send({ type: 'complete', id: 3, session: 1, line: 'docker network rm a', cursor: 19 })
    h.send({ type: 'complete', id: 4, session: 1, line: 'docker network ', cursor: 15 })
    expect(h.sent.slice(3)).toEqual([
      { type: 'completion', id: 2, replacement: 'docker network ', candidates: ['network'] },
      {
        type: 'completion',
        id: 3,
        replacement: 'docker network rm appnet ',
        candidates: ['appnet'],
      },
      {
        type: 'completion',
        id: 4,
        replacement: 'docker network ',
        candidates: ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm'],
      },
    ])
  })

  it('fails a completion that arrives before hello', () => {
    const h = host()
    h.send({ type: 'complete', id: 1, session: 1, line: 'dock', cursor: 4 })
    expect(h.sent).toEqual([{ type: 'failed', id: 1, message: 'engine not started (no hello)' }])
  })

  it('refuses a client speaking another protocol version', () => {
    const h = host()
    h.send({ type: 'hello', protocol: PROTOCOL_VERSION + 1, seed: 1 })
    expect(h.sent).toEqual([
      { type: 'fatal', message: `protocol ${PROTOCOL_VERSION + 1} is not ${PROTOCOL_VERSION}` },
    ])
  })

  it('fails a request that arrives before hello', () => {
    const h = host()
    h.send({ type: 'exec', id: 1, session: 1, line: 'docker network ls' })
    expect(h.sent).toEqual([{ type: 'failed', id: 1, message: 'engine not started (no hello)' }])
  })

  it('resends the full snapshot on resync', () => {
    const h = host()
    h.send({ type: 'hello', protocol: PROTOCOL_VERSION, seed: 1 })
    h.send({ type: 'resync' })
    expect(h.sent.map((m) => m.type)).toEqual(['ready', 'ready'])
  })
})
