// Overlay networks through `docker network …` on a three-node swarm: the 25-character cluster
// IDs, `network ls` scopes and filters, the two shapes of `network inspect` (research-7 §5),
// docker_gwbridge's and ingress's own endpoints (§7), and `network rm ingress`'s prompt (§6).

import { describe, expect, it } from 'vitest'
import { allEndpoints, lookupContainer, type Host } from '../../../src/engine'
import { nanosFor, rfc3339Nano } from '../../../src/cli/format/time'
import { ok0, swarmLab, threeNodeSwarm, type SwarmLab } from './swarm-lab'

/** The id the CLI printed for `docker network create`, checked to be swarmkit's 25 characters. */
function createOverlay(lab: SwarmLab, line: string): string {
  const id = lab.ok('docker01', line).trim()
  expect(id).toMatch(/^[0-9a-z]{25}$/)
  return id
}

const containerId = (h: Host, name: string): string => {
  const f = lookupContainer(h.daemon, name)
  return f.kind === 'found' ? f.container.id : ''
}

describe('docker network create -d overlay', () => {
  it('prints the cluster ID; needs a manager', () => {
    const lab = threeNodeSwarm()
    const id = createOverlay(lab, 'docker network create -d overlay --attachable vnet')
    expect(lab.engine.world.swarm?.networks.find((n) => n.name === 'vnet')?.id).toBe(id)
    const refused =
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n'
    expect(lab.run('docker02', 'docker network create -d overlay other').stderr).toBe(refused)
    expect(swarmLab().run('docker01', 'docker network create -d overlay other').stderr).toBe(
      refused,
    )
    expect(lab.run('docker01', 'docker network create -d overlay vnet').stderr).toBe(
      'Error response from daemon: network with name vnet already exists\n',
    )
  })
})

describe('docker network ls in a swarm', () => {
  it('shows swarm networks by a 12-character prefix, with scope swarm', () => {
    const lab = threeNodeSwarm()
    const vnet = createOverlay(lab, 'docker network create -d overlay vnet')
    const ingress = lab.engine.world.swarm?.networks.find((n) => n.ingress)?.id ?? ''
    const lines = lab.ok('docker01', 'docker network ls').split('\n')
    expect(lines).toContain(`${ingress.slice(0, 12)}   ingress           overlay   swarm`)
    expect(lines).toContain(`${vnet.slice(0, 12)}   vnet              overlay   swarm`)
    expect(lines[0]).toBe('NETWORK ID     NAME              DRIVER    SCOPE')
    expect(lines.some((l) => /^[0-9a-f]{12} {3}docker_gwbridge {3}bridge {4}local$/.test(l))).toBe(
      true,
    )
    expect(lab.ok('docker01', 'docker network ls -q --no-trunc -f name=vnet')).toBe(`${vnet}\n`)
    expect(lab.ok('docker01', 'docker network ls -f scope=swarm --format {{.Name}}')).toBe(
      'ingress\nvnet\n',
    )
    expect(lab.ok('docker01', 'docker network ls -f driver=overlay -q')).toBe(
      `${ingress.slice(0, 12)}\n${vnet.slice(0, 12)}\n`,
    )
    // A worker lists only the overlays its own containers use (and ingress).
    expect(lab.ok('docker02', 'docker network ls -f scope=swarm --format {{.Name}}')).toBe(
      'ingress\n',
    )
  })
})

describe('docker network inspect of an overlay network', () => {
  it('shows the cluster view on a manager without local endpoints', () => {
    const lab = threeNodeSwarm()
    const id = createOverlay(lab, 'docker network create -d overlay --opt encrypted sec')
    const sn = lab.engine.world.swarm?.networks.find((n) => n.id === id)
    expect(lab.run('docker01', 'docker network inspect sec')).toEqual(
      ok0(`[
    {
        "Name": "sec",
        "Id": "${id}",
        "Created": "${rfc3339Nano(sn?.created ?? 0, nanosFor(id))}",
        "Scope": "swarm",
        "Driver": "overlay",
        "EnableIPv4": true,
        "EnableIPv6": false,
        "IPAM": {
            "Driver": "default",
            "Options": null,
            "Config": [
                {
                    "Subnet": "10.0.1.0/24",
                    "Gateway": "10.0.1.1"
                }
            ]
        },
        "Internal": false,
        "Attachable": false,
        "Ingress": false,
        "ConfigFrom": {
            "Network": ""
        },
        "ConfigOnly": false,
        "Containers": null,
        "Options": {
            "com.docker.network.driver.overlay.vxlanid_list": "4097",
            "encrypted": ""
        },
        "Labels": null
    }
]
`),
    )
  })

  it('shows the node view with the load balancer and the peers once a container runs there', () => {
    const lab = threeNodeSwarm()
    const id = createOverlay(
      lab,
      'docker network create -d overlay --attachable --subnet 192.168.0.0/24 --label tier=web vnet',
    )
    lab.ok('docker02', 'docker run -itd --name c02 --net vnet busybox')
    lab.ok('docker03', 'docker run -itd --name c03 --net vnet busybox')
    const d2 = lab.host('docker02')
    const c02 = containerId(d2, 'c02')
    const ep = allEndpoints(d2.daemon).find((e) => e.container === c02 && e.network === id)
    const nodes = lab.engine.world.swarm?.nodes ?? []
    const sn = lab.engine.world.swarm?.networks.find((n) => n.id === id)
    const text = lab.ok('docker02', 'docker network inspect vnet')
    const json = JSON.parse(text) as Record<string, unknown>[]
    expect(json[0]?.['Containers']).toEqual({
      [c02]: {
        Name: 'c02',
        EndpointID: ep?.id,
        MacAddress: '02:42:c0:a8:00:02',
        IPv4Address: '192.168.0.2/24',
        IPv6Address: '',
      },
      'lb-vnet': {
        Name: 'vnet-endpoint',
        EndpointID: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        MacAddress: '02:42:c0:a8:00:03',
        IPv4Address: '192.168.0.3/24',
        IPv6Address: '',
      },
    })
    expect(sn?.lb[d2.id]).toBe(0xc0a80003)
    expect(text).toContain(`        "Options": {
            "com.docker.network.driver.overlay.vxlanid_list": "4097"
        },
        "Labels": {
            "tier": "web"
        },
        "Peers": [
            {
                "Name": "${nodes[1]?.peerName}",
                "IP": "10.10.0.12"
            },
            {
                "Name": "${nodes[2]?.peerName}",
                "IP": "10.20.0.13"
            }
        ]
    }
]
`)
    expect(text).toContain(`                    "Subnet": "192.168.0.0/24",
                    "Gateway": "192.168.0.1"`)
    // The manager has no container on it: still the cluster's view, the labels kept.
    const m = JSON.parse(lab.ok('docker01', 'docker network inspect vnet')) as Record<
      string,
      unknown
    >[]
    expect([m[0]?.['Containers'], m[0]?.['Labels'], 'Peers' in (m[0] ?? {})]).toEqual([
      null,
      { tier: 'web' },
      false,
    ])
  })

  it('names the ingress sandbox ingress-endpoint, and every node a peer of ingress', () => {
    const lab = threeNodeSwarm()
    const json = JSON.parse(lab.ok('docker03', 'docker network inspect ingress')) as {
      Containers: Record<string, { Name: string; MacAddress: string; IPv4Address: string }>
      Peers: { IP: string }[]
      Ingress: boolean
      Options: Record<string, string>
    }[]
    const n = json[0]
    expect(n?.Ingress).toBe(true)
    expect(n?.Options).toEqual({ 'com.docker.network.driver.overlay.vxlanid_list': '4096' })
    expect(Object.keys(n?.Containers ?? {})).toEqual(['ingress-sbox'])
    const sbox = n?.Containers['ingress-sbox']
    expect(sbox?.Name).toBe('ingress-endpoint')
    expect(sbox?.IPv4Address).toMatch(/^10\.0\.0\.\d+\/24$/)
    expect(sbox?.MacAddress.startsWith('02:42:0a:00:00:')).toBe(true)
    expect(n?.Peers.map((p) => p.IP)).toEqual(['10.10.0.11', '10.10.0.12', '10.20.0.13'])
  })
})

describe('docker_gwbridge', () => {
  it('names its endpoints gateway_<sandbox id12> and gateway_ingress-sbox', () => {
    const lab = threeNodeSwarm()
    lab.ok('docker01', 'docker network create -d overlay --attachable vnet')
    lab.ok('docker02', 'docker run -itd --name c02 --net vnet busybox')
    const d2 = lab.host('docker02')
    const c02 = lookupContainer(d2.daemon, 'c02')
    const c = c02.kind === 'found' ? c02.container : undefined
    const json = JSON.parse(lab.ok('docker02', 'docker network inspect docker_gwbridge')) as {
      Containers: Record<string, { Name: string; IPv4Address: string }>
      Options: Record<string, string>
    }[]
    const containers = json[0]?.Containers ?? {}
    expect(Object.keys(containers)).toEqual([c?.id, 'ingress-sbox'])
    expect(containers[c?.id ?? '']?.Name).toBe(`gateway_${c?.sandbox?.id.slice(0, 12)}`)
    expect(containers['ingress-sbox']).toMatchObject({
      Name: 'gateway_ingress-sbox',
      IPv4Address: '172.18.0.2/16',
    })
    expect(json[0]?.Options).toEqual({
      'com.docker.network.bridge.enable_icc': 'false',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.name': 'docker_gwbridge',
    })
  })

  it('is not one of the container’s networks in docker inspect', () => {
    const lab = threeNodeSwarm()
    lab.ok('docker01', 'docker network create -d overlay --attachable vnet')
    lab.ok('docker02', 'docker run -itd --name c02 --net vnet busybox')
    expect(
      lab.ok(
        'docker02',
        "docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' c02",
      ),
    ).toBe('vnet \n')
  })
})

describe('docker network rm ingress', () => {
  it('asks first and, with no answer on stdin, removes nothing', () => {
    const lab = threeNodeSwarm()
    expect(lab.run('docker01', 'docker network rm ingress')).toEqual(
      ok0(
        'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue? [y/N] ',
      ),
    )
    expect(lab.engine.world.swarm?.networks.some((n) => n.ingress)).toBe(true)
    expect(lab.run('docker01', 'echo n | docker network rm ingress').exitCode).toBe(0)
    expect(lab.engine.world.swarm?.networks.some((n) => n.ingress)).toBe(true)
  })
})
