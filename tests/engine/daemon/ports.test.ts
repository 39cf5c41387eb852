import { describe, expect, it } from 'vitest'
import { getNetwork, allNetns, allProcesses, getNetns } from '../../../src/engine'
import { allEndpoints } from '../../../src/engine'
import { INIT_NETNS, type Endpoint } from '../../../src/engine'
import { createTestLab } from '../../helpers/lab'
import { container, host1 } from '../../helpers/world'

function ports(lab: ReturnType<typeof createTestLab>, name: string): string[] {
  const c = container(lab, name)
  return allEndpoints(host1(lab).daemon)
    .filter((ep: Endpoint) => ep.container === c.id)
    .flatMap((ep) =>
      ep.ports.map((m) => `${m.hostIp}:${m.hostPort}->${m.containerPort}/${m.proto}`),
    )
}

describe('published ports', () => {
  it('-p 8080:80 binds 0.0.0.0 and [::], each served by a docker-proxy listening on the host', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 8080:80 nginx')
    expect(ports(lab, 'web')).toEqual(['0.0.0.0:8080->80/tcp', ':::8080->80/tcp'])
    const procs = allProcesses(host1(lab).kernel).filter((p) => p.name === 'docker-proxy')
    expect(procs.map((p) => p.args.join(' '))).toEqual([
      '/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80 -use-listen-fd',
      '/usr/bin/docker-proxy -proto tcp -host-ip :: -host-port 8080 -container-ip 172.17.0.2 -container-port 80 -use-listen-fd',
    ])
    const sockets = getNetns(host1(lab).kernel, INIT_NETNS)?.sockets ?? []
    expect(sockets.map((s) => `${s.proto} ${s.local}:${s.port}`)).toEqual([
      'tcp 0.0.0.0:8080',
      'tcp :::8080',
    ])
  })

  it('binds a given address only, and UDP', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name dns -p 127.0.0.1:5353:53/udp busybox sleep 1000')
    expect(ports(lab, 'dns')).toEqual(['127.0.0.1:5353->53/udp'])
  })

  it('hands out ephemeral ports serially from 32768, not reusing a freed one at once', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name a1 -p 80 nginx')
    lab.run('docker run -d --name a2 -P nginx')
    expect(ports(lab, 'a1')).toEqual(['0.0.0.0:32768->80/tcp', ':::32768->80/tcp'])
    expect(ports(lab, 'a2')).toEqual(['0.0.0.0:32769->80/tcp', ':::32769->80/tcp'])
    lab.run('docker rm -f a1')
    lab.run('docker run -d --name a3 -p 80 nginx')
    expect(ports(lab, 'a3')).toEqual(['0.0.0.0:32770->80/tcp', ':::32770->80/tcp'])
  })

  it('maps ranges pairwise', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name r1 -p 9000-9001:80-81 nginx')
    expect(ports(lab, 'r1')).toEqual([
      '0.0.0.0:9000->80/tcp',
      ':::9000->80/tcp',
      '0.0.0.0:9001->81/tcp',
      ':::9001->81/tcp',
    ])
  })

  it('a taken host port fails with Docker’s full message and leaves the container Created', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 8080:80 nginx')
    const r = lab.run('docker run -d --name web2 -p 8080:80 nginx')
    expect(r.exitCode).toBe(125)
    expect(r.stderr).toMatch(
      /^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/,
    )
    expect(container(lab, 'web2').status).toBe('created')
    // Nothing of the failed start is left: no sandbox, no endpoint, no extra process.
    expect(allNetns(host1(lab).kernel)).toHaveLength(2)
    expect(allEndpoints(host1(lab).daemon)).toHaveLength(1)
    // Once the port is free, the created container starts.
    lab.run('docker rm -f web')
    expect(lab.run('docker start web2')).toEqual({ stdout: 'web2\n', stderr: '', exitCode: 0 })
  })

  it('rejects bad specs as the CLI does', () => {
    const lab = createTestLab()
    const err = (m: string): string =>
      `docker: ${m}\n\nRun 'docker run --help' for more information\n`
    expect(lab.run('docker run -p abc nginx').stderr).toBe(err('invalid containerPort: abc'))
    expect(lab.run('docker run -p 99999:80 nginx').stderr).toBe(err('invalid hostPort: 99999'))
    expect(lab.run('docker run -p 80:80/foo nginx').stderr).toBe(err('invalid proto: foo'))
    expect(lab.run('docker run -p 80-81:90-92 nginx').stderr).toBe(
      err('invalid ranges specified for container and host Ports: 90-92 and 80-81'),
    )
  })

  it('moves the published ports to the new gateway endpoint when a network that sorts first is connected', () => {
    const lab = createTestLab()
    lab.run('docker network create zeta')
    lab.run('docker network create alpha')
    lab.run('docker run -d --name web --network zeta -p 8080:80 nginx')
    lab.run('docker network connect alpha web')
    const c = container(lab, 'web')
    const eps = allEndpoints(host1(lab).daemon).filter((ep) => ep.container === c.id)
    const byNet: Record<string, number> = Object.fromEntries(
      eps.map(
        (ep) => [getNetwork(host1(lab).daemon, ep.network)?.name ?? '', ep.ports.length] as const,
      ),
    )
    expect(byNet).toEqual({ zeta: 0, alpha: 2 })
  })
})
