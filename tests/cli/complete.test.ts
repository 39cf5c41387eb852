import { describe, expect, it } from 'vitest'
import { complete, type CompletionScope } from '../../src/cli/complete'
import { hostId } from '../../src/engine'
import { createTestLab, type TestLab } from '../helpers/lab'

const HOST_PROGRAMS = ['docker', 'echo', 'exit', 'history', 'hostname', 'ip', 'iptables']

function scopeOf(lab: TestLab, programs: readonly string[] = HOST_PROGRAMS): CompletionScope {
  return { world: lab.world, host: hostId('host1'), programs }
}

/** Completes `typed` with the cursor at its end, or at the `‸` marker. */
function tab(lab: TestLab, typed: string) {
  const cursor = typed.includes('‸') ? typed.indexOf('‸') : typed.length
  return complete(scopeOf(lab), typed.replace('‸', ''), cursor)
}

/** A lab with a user network, a running, a created and a paused container. */
function busyLab(): TestLab {
  const lab = createTestLab()
  lab.run('docker network create appnet')
  lab.run('docker network create backend')
  lab.run('docker run -d --name web nginx')
  lab.run('docker run -d --name worker redis')
  lab.run('docker create --name db redis')
  lab.run('docker run -d --name cache redis')
  lab.run('docker pause cache')
  return lab
}

describe('completing program names', () => {
  it('completes a unique program and adds a space', () => {
    expect(tab(createTestLab(), 'dock')).toEqual({
      replacement: 'docker ',
      candidates: ['docker'],
    })
  })

  it('lists every program on an empty line', () => {
    expect(tab(createTestLab(), '').candidates).toEqual([...HOST_PROGRAMS].sort())
  })

  it('completes the common prefix of several programs and lists them', () => {
    expect(tab(createTestLab(), 'ip')).toEqual({
      replacement: 'ip',
      candidates: ['ip', 'iptables'],
    })
    expect(tab(createTestLab(), 'h')).toEqual({
      replacement: 'h',
      candidates: ['history', 'hostname'],
    })
  })

  it('completes the command after a pipe, && or ;', () => {
    expect(tab(createTestLab(), 'hostname | ech').replacement).toBe('hostname | echo ')
    expect(tab(createTestLab(), 'true && dock').replacement).toBe('true && docker ')
    expect(tab(createTestLab(), 'true;hist').replacement).toBe('true;history ')
  })

  it('leaves an unknown word alone', () => {
    expect(tab(createTestLab(), 'foo')).toEqual({ replacement: 'foo', candidates: [] })
    expect(tab(createTestLab(), 'foo ba')).toEqual({ replacement: 'foo ba', candidates: [] })
  })
})

describe('completing docker commands', () => {
  it('completes docker net to docker network', () => {
    expect(tab(createTestLab(), 'docker net')).toEqual({
      replacement: 'docker network ',
      candidates: ['network'],
    })
  })

  it('lists the network subcommands after docker network', () => {
    expect(tab(createTestLab(), 'docker network ')).toEqual({
      replacement: 'docker network ',
      candidates: ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm'],
    })
    expect(tab(createTestLab(), 'docker network c').candidates).toEqual(['connect', 'create'])
    expect(tab(createTestLab(), 'docker network d').replacement).toBe('docker network disconnect ')
  })

  it('lists the commands the simulator runs, after global flags too', () => {
    expect(tab(createTestLab(), 'docker r').candidates).toEqual(['rename', 'restart', 'rm', 'run'])
    expect(tab(createTestLab(), 'docker -D ne').replacement).toBe('docker -D network ')
    expect(tab(createTestLab(), 'docker -H unix:///x ne').replacement).toBe(
      'docker -H unix:///x network ',
    )
    expect(tab(createTestLab(), 'docker container l').candidates).toEqual(['logs', 'ls'])
    expect(tab(createTestLab(), 'docker container lo').replacement).toBe('docker container logs ')
  })

  it('completes in the middle of a line and keeps what follows the cursor', () => {
    expect(tab(createTestLab(), 'docker netw‸ ls').replacement).toBe('docker network ls')
    expect(tab(createTestLab(), 'docker netw‸').replacement).toBe('docker network ')
  })
})

describe('completing docker flags', () => {
  it('completes the long flags of a command from its help text', () => {
    expect(tab(createTestLab(), 'docker network ls --no').replacement).toBe(
      'docker network ls --no-trunc ',
    )
    expect(tab(createTestLab(), 'docker network create --i').candidates).toEqual([
      '--ingress',
      '--internal',
      '--ip-range',
      '--ipam-driver',
      '--ipam-opt',
      '--ipv4',
      '--ipv6',
    ])
    expect(tab(createTestLab(), 'docker run --netw').candidates).toEqual([
      '--network',
      '--network-alias',
    ])
  })

  it('offers short flags too after a lone dash', () => {
    expect(tab(createTestLab(), 'docker network rm -').candidates).toEqual([
      '--force',
      '--help',
      '-f',
    ])
  })
})

describe('completing names', () => {
  it('completes container names by state, as docker completion does', () => {
    const lab = busyLab()
    expect(tab(lab, 'docker start ').candidates).toEqual(['db'])
    expect(tab(lab, 'docker stop ').candidates).toEqual(['web', 'worker'])
    expect(tab(lab, 'docker unpause ').replacement).toBe('docker unpause cache ')
    expect(tab(lab, 'docker rm ').candidates).toEqual(['cache', 'db', 'web', 'worker'])
    expect(tab(lab, 'docker logs w').candidates).toEqual(['web', 'worker'])
    expect(tab(lab, 'docker exec -it we').replacement).toBe('docker exec -it web ')
    expect(tab(lab, 'docker container restart d').replacement).toBe('docker container restart db ')
  })

  it('stops completing after the arguments a command takes', () => {
    const lab = busyLab()
    expect(tab(lab, 'docker exec -it web ').candidates).toEqual([])
    expect(tab(lab, 'docker rename web ').candidates).toEqual([])
    expect(tab(lab, 'docker stop web wo').replacement).toBe('docker stop web worker ')
  })

  it('completes network names, and only user networks for rm', () => {
    const lab = busyLab()
    expect(tab(lab, 'docker network inspect ').candidates).toEqual([
      'appnet',
      'backend',
      'bridge',
      'host',
      'none',
    ])
    expect(tab(lab, 'docker network rm ').candidates).toEqual(['appnet', 'backend'])
    expect(tab(lab, 'docker network rm a').replacement).toBe('docker network rm appnet ')
  })

  it('completes NETWORK then CONTAINER for network connect and disconnect', () => {
    const lab = busyLab()
    expect(tab(lab, 'docker network connect ap').replacement).toBe('docker network connect appnet ')
    expect(tab(lab, 'docker network connect appnet w').candidates).toEqual(['web', 'worker'])
    expect(tab(lab, 'docker network connect --alias x appnet d').replacement).toBe(
      'docker network connect --alias x appnet db ',
    )
    expect(tab(lab, 'docker network disconnect bridge we').replacement).toBe(
      'docker network disconnect bridge web ',
    )
    expect(tab(lab, 'docker network connect appnet web ').candidates).toEqual([])
  })

  it('completes --network and --net values, with container:NAME', () => {
    const lab = busyLab()
    expect(tab(lab, 'docker run --network b').candidates).toEqual(['backend', 'bridge'])
    expect(tab(lab, 'docker run --net ba').replacement).toBe('docker run --net backend ')
    expect(tab(lab, 'docker run --network=ap').replacement).toBe('docker run --network=appnet ')
    expect(tab(lab, 'docker run --network con').replacement).toBe('docker run --network container:')
    expect(tab(lab, 'docker run --network container:w').candidates).toEqual([
      'container:web',
      'container:worker',
    ])
  })

  it('completes image names for run and create, but not the command after the image', () => {
    const lab = createTestLab()
    expect(tab(lab, 'docker run -d --name x ngi').replacement).toBe('docker run -d --name x nginx ')
    expect(tab(lab, 'docker create -p 80:80 ngi').replacement).toBe('docker create -p 80:80 nginx ')
    expect(tab(lab, 'docker run -dp80:80 ngi').replacement).toBe('docker run -dp80:80 nginx ')
    expect(tab(lab, 'docker run -it alpine ').candidates).toEqual([])
    expect(tab(lab, 'docker run ').candidates).toContain('busybox')
  })

  it('completes inside quotes and closes them', () => {
    const lab = busyLab()
    expect(tab(lab, 'docker stop "we').replacement).toBe('docker stop "web" ')
    expect(tab(lab, "docker stop 'wo").replacement).toBe("docker stop 'worker' ")
  })

  it('offers docker only where the shell has it', () => {
    const lab = createTestLab()
    const busybox = scopeOf(lab, ['echo', 'ip', 'exit'])
    expect(complete(busybox, 'docker net', 10)).toEqual({
      replacement: 'docker net',
      candidates: [],
    })
    expect(complete(busybox, 'e', 1).candidates).toEqual(['echo', 'exit'])
  })
})

describe('completion through the session', () => {
  it('knows the programs of the shell it is in', () => {
    const lab = createTestLab()
    expect(lab.complete('dock', 4).replacement).toBe('docker ')
    expect(lab.complete('iptables-s', 10).replacement).toBe('iptables-save ')
    lab.run('docker run -d --name box busybox sleep 1000')
    lab.run('docker exec -it box sh')
    expect(lab.complete('dock', 4).candidates).toEqual([])
    expect(lab.complete('ifc', 3).replacement).toBe('ifconfig ')
  })
})

describe('completing swarm commands', () => {
  it('completes the swarm and node subcommands and their flags', () => {
    const lab = createTestLab()
    expect(tab(lab, 'docker sw').replacement).toBe('docker swarm ')
    expect(tab(lab, 'docker swarm j').candidates).toEqual(['join', 'join-token'])
    expect(tab(lab, 'docker swarm l').replacement).toBe('docker swarm leave ')
    expect(tab(lab, 'docker swarm join-token ').candidates).toEqual(['manager', 'worker'])
    expect(tab(lab, 'docker swarm join-token -q w').replacement).toBe(
      'docker swarm join-token -q worker ',
    )
    expect(tab(lab, 'docker swarm init --adv').replacement).toBe(
      'docker swarm init --advertise-addr ',
    )
    expect(tab(lab, 'docker swarm leave -').candidates).toEqual(['--force', '--help', '-f'])
    expect(tab(lab, 'docker node ').candidates).toEqual([
      'demote',
      'inspect',
      'ls',
      'promote',
      'ps',
      'rm',
      'update',
    ])
    expect(tab(lab, 'docker node ls -').candidates).toEqual([
      '--filter',
      '--format',
      '--help',
      '--quiet',
      '-f',
      '-q',
    ])
  })

  it('offers network drivers after -d', () => {
    expect(tab(createTestLab(), 'docker network create -d o').replacement).toBe(
      'docker network create -d overlay ',
    )
  })
})
