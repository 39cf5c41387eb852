import { describe, expect, it } from 'vitest'
import {
  applyCommands,
  containerCommands,
  containerDraftError,
  EMPTY_CONTAINER,
  EMPTY_NETWORK,
  failureText,
  hostNetworks,
  imageChoices,
  networkCommand,
  networkDraftError,
  parsePorts,
  presetCommand,
  promptHostname,
  shellQuote,
  splitWords,
  type ContainerDraft,
} from '../../../src/ui/components/Palette/palette-commands'
import type { Snapshot } from '../../../src/engine'
import type { ExecReply } from '../../../src/worker/protocol'
import { createTestLab } from '../../helpers/lab'

const container = (patch: Partial<ContainerDraft>): ContainerDraft => ({
  ...EMPTY_CONTAINER,
  ...patch,
})

describe('shellQuote', () => {
  it.each([
    ['backend', 'backend'],
    ['172.30.0.0/16', '172.30.0.0/16'],
    ['127.0.0.1:5353:53/udp', '127.0.0.1:5353:53/udp'],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
    ['$HOME', "'$HOME'"],
    ['x;y', "'x;y'"],
    ['#tag', "'#tag'"],
  ])('quotes %j as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted)
  })

  it('round-trips through splitWords', () => {
    const words = ['sh', '-c', "echo 'hi'; sleep 1", 'a"b', 'back\\slash', '']
    const line = words.map(shellQuote).join(' ')
    expect(splitWords(line)).toEqual({ ok: true, value: words })
  })
})

describe('splitWords', () => {
  it('splits on blanks and keeps quoted text as one word', () => {
    expect(splitWords('  sleep   infinity ')).toEqual({ ok: true, value: ['sleep', 'infinity'] })
    expect(splitWords(`sh -c "while true; do \\"x\\"; done"`)).toEqual({
      ok: true,
      value: ['sh', '-c', 'while true; do "x"; done'],
    })
    expect(splitWords("a\\ b 'c d'e")).toEqual({ ok: true, value: ['a b', 'c de'] })
  })

  it('refuses an unclosed quote', () => {
    expect(splitWords("sh -c 'oops")).toEqual({
      ok: false,
      error: 'The command has an unclosed quote.',
    })
    expect(splitWords('echo "oops').ok).toBe(false)
  })
})

describe('parsePorts', () => {
  it('takes comma- or space-separated values', () => {
    expect(parsePorts('8080:80, 127.0.0.1:5353:53/udp')).toEqual([
      '8080:80',
      '127.0.0.1:5353:53/udp',
    ])
    expect(parsePorts(' 80 443,,8443:443 ')).toEqual(['80', '443', '8443:443'])
    expect(parsePorts('  ')).toEqual([])
  })
})

describe('networkCommand', () => {
  it('leaves the default driver and empty options out', () => {
    expect(networkCommand({ ...EMPTY_NETWORK, name: 'front' })).toBe('docker network create front')
  })

  it('puts the options in the order one would type them, then the name', () => {
    expect(
      networkCommand({
        ...EMPTY_NETWORK,
        name: ' backend ',
        subnet: '172.30.0.0/16',
        gateway: '172.30.0.1 ',
        ipRange: '172.30.5.0/24',
        internal: true,
      }),
    ).toBe(
      'docker network create --subnet 172.30.0.0/16 --gateway 172.30.0.1 --ip-range 172.30.5.0/24 --internal backend',
    )
  })

  it('quotes a name a shell would split', () => {
    expect(networkCommand({ ...EMPTY_NETWORK, name: 'my net' })).toBe(
      "docker network create 'my net'",
    )
  })

  it('needs a name', () => {
    expect(networkDraftError(EMPTY_NETWORK)).toEqual({
      field: 'name',
      message: 'Enter a name for the network.',
    })
    expect(networkDraftError({ ...EMPTY_NETWORK, name: 'x' })).toBeNull()
  })
})

describe('presetCommand', () => {
  it.each([
    ['busybox', 'sleep infinity'],
    ['alpine:3.20', 'sleep infinity'],
    ['docker.io/library/ubuntu:24.04', 'sleep infinity'],
    ['nginx', ''],
    ['nginx:alpine', ''],
    ['redis@sha256:abc', ''],
    ['', ''],
  ])('proposes %j for %s', (image, command) => {
    expect(presetCommand(image)).toBe(command)
  })
})

describe('containerCommands', () => {
  it('runs nginx detached on the default bridge', () => {
    expect(containerCommands(EMPTY_CONTAINER)).toEqual(['docker run -d nginx'])
  })

  it('uses the preset command until the field is edited', () => {
    expect(containerCommands(container({ image: 'busybox', name: 'b1' }))).toEqual([
      'docker run -d --name b1 busybox sleep infinity',
    ])
    expect(containerCommands(container({ image: 'busybox', command: '' }))).toEqual([
      'docker run -d busybox',
    ])
  })

  it('joins the first network at run and connects the others by name', () => {
    expect(
      containerCommands(
        container({
          name: 'web',
          networks: ['front', 'back end'],
          ports: '8080:80, 127.0.0.1:5353:53/udp',
          ip: '172.30.0.10',
        }),
      ),
    ).toEqual([
      'docker run -d --name web --network front --ip 172.30.0.10 -p 8080:80 -p 127.0.0.1:5353:53/udp nginx',
      "docker network connect 'back end' web",
    ])
  })

  it('keeps a command typed with quotes as the words the container gets', () => {
    expect(
      containerCommands(container({ image: 'alpine', command: `sh -c "sleep 1; echo done"` })),
    ).toEqual(["docker run -d alpine sh -c 'sleep 1; echo done'"])
  })

  it('refuses what Docker cannot be asked', () => {
    expect(containerDraftError(container({ image: ' ' }))?.field).toBe('image')
    expect(containerDraftError(container({ networks: [] }))).toEqual({
      field: 'networks',
      message: 'Choose at least one network (none for no network).',
    })
    expect(containerDraftError(container({ networks: ['a', 'b'] }))?.field).toBe('name')
    expect(containerDraftError(container({ command: "sh -c 'x" }))?.field).toBe('command')
    expect(containerDraftError(container({ name: 'w1', networks: ['a', 'b'] }))).toBeNull()
  })
})

describe('choices from the snapshot', () => {
  it('lists the host networks in natural order with their subnet or driver', () => {
    const lab = createTestLab()
    lab.run('docker network create net10')
    lab.run('docker network create net9')
    expect(hostNetworks(lab.snapshot(), 'host1')).toEqual([
      { name: 'bridge', detail: '172.17.0.0/16' },
      { name: 'host', detail: 'host driver' },
      { name: 'net9', detail: '172.19.0.0/16' },
      { name: 'net10', detail: '172.18.0.0/16' },
      { name: 'none', detail: 'no network' },
    ])
    expect(hostNetworks(lab.snapshot(), '').map((n) => n.name)).toContain('bridge')
    expect(hostNetworks(null, 'host1')).toEqual([])
  })

  it('offers the known images and those containers use', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name x1 myorg/app:1')
    const images = imageChoices(lab.snapshot())
    expect(images).toContain('myorg/app:1')
    expect(images).toContain('busybox')
    expect(new Set(images).size).toBe(images.length)
    expect(imageChoices(null as Snapshot | null)).toContain('nginx')
  })

  it('reads the hostname from a host prompt', () => {
    expect(promptHostname('root@host1:~# ')).toBe('host1')
    expect(promptHostname('/ # ')).toBe('')
  })
})

describe('applyCommands', () => {
  const reply = (exitCode: number, stderr = '', stdout = ''): ExecReply => ({
    stdout,
    stderr,
    exitCode,
    prompt: 'root@host1:~# ',
  })

  it('dry-runs the chain, then runs each line', async () => {
    const calls: string[] = []
    const result = await applyCommands(['a', 'b'], {
      query: (l) => (calls.push(`query ${l}`), Promise.resolve(reply(0))),
      run: (l) => (calls.push(`run ${l}`), Promise.resolve(reply(0))),
    })
    expect(result).toBeNull()
    expect(calls).toEqual(['query a && b', 'run a', 'run b'])
  })

  it("runs nothing when Docker refuses, and gives Docker's text", async () => {
    const calls: string[] = []
    const result = await applyCommands(['a'], {
      query: () => Promise.resolve(reply(1, 'Error response from daemon: nope\n')),
      run: (l) => (calls.push(l), Promise.resolve(reply(0))),
    })
    expect(result).toBe('Error response from daemon: nope')
    expect(calls).toEqual([])
  })

  it('stops at the first line that fails for real', async () => {
    const calls: string[] = []
    const result = await applyCommands(['a', 'b', 'c'], {
      query: () => Promise.resolve(reply(0)),
      run: (l) => (calls.push(l), Promise.resolve(reply(l === 'b' ? 1 : 0, 'bad b\n'))),
    })
    expect(result).toBe('bad b')
    expect(calls).toEqual(['a', 'b'])
  })

  it('falls back to stdout, then the exit status', () => {
    expect(failureText(reply(2, '', 'out\n'))).toBe('out')
    expect(failureText(reply(3))).toBe('exit status 3')
  })
})
