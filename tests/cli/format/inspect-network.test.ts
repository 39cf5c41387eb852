import { describe, expect, it } from 'vitest'
import { allNetworks, allContainers, allEndpoints } from '../../../src/engine'
import { formatInspectArray } from '../../../src/cli/format/inspect-json'
import { networkInspectJson } from '../../../src/cli/format/inspect-network'
import { nanosFor, rfc3339Nano } from '../../../src/cli/format/time'
import { hostId, type Host, type Network } from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'

const host = (lab: TestLab): Host => lab.world.hosts[hostId('host1')] as Host
const network = (lab: TestLab, name: string): Network =>
  allNetworks(host(lab).daemon).find((n) => n.name === name) as Network
const inspect = (lab: TestLab, name: string): string =>
  formatInspectArray([networkInspectJson(host(lab), network(lab, name))])
const created = (n: Network): string => rfc3339Nano(n.created, nanosFor(n.id))

describe('docker network inspect JSON', () => {
  it('prints the default bridge as Docker 28 does', () => {
    const lab = createTestLab()
    const n = network(lab, 'bridge')
    expect(inspect(lab, 'bridge')).toBe(`[
    {
        "Name": "bridge",
        "Id": "${n.id}",
        "Created": "${created(n)}",
        "Scope": "local",
        "Driver": "bridge",
        "EnableIPv4": true,
        "EnableIPv6": false,
        "IPAM": {
            "Driver": "default",
            "Options": null,
            "Config": [
                {
                    "Subnet": "172.17.0.0/16",
                    "Gateway": "172.17.0.1"
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
        "Containers": {},
        "Options": {
            "com.docker.network.bridge.default_bridge": "true",
            "com.docker.network.bridge.enable_icc": "true",
            "com.docker.network.bridge.enable_ip_masquerade": "true",
            "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
            "com.docker.network.bridge.name": "docker0",
            "com.docker.network.driver.mtu": "1500"
        },
        "Labels": {}
    }
]
`)
    expect(created(n)).toMatch(/^2026-01-01T00:00:00\.\d*[1-9]Z$/)
  })

  it('shows host and none without IPAM config', () => {
    const lab = createTestLab()
    expect(networkInspectJson(host(lab), network(lab, 'none'))).toMatchObject({
      Driver: 'null',
      IPAM: { Driver: 'default', Options: null, Config: null },
      Containers: {},
      Options: {},
    })
  })

  it('shows a configured subnet as given: no Gateway key unless --gateway was given', () => {
    const lab = createTestLab()
    lab.run('docker network create --subnet 10.5.0.0/24 --ip-range 10.5.0.128/25 app')
    lab.run(
      'docker network create --subnet 10.6.0.0/24 --gateway 10.6.0.254 --label z=1 --label a=2 lab',
    )
    lab.run('docker network create auto')
    const app = networkInspectJson(host(lab), network(lab, 'app'))
    // Templates see the typed struct: the omitted fields are there, empty.
    expect(app['IPAM']).toEqual({
      Driver: 'default',
      Options: {},
      Config: [
        { Subnet: '10.5.0.0/24', IPRange: '10.5.0.128/25', Gateway: '', AuxiliaryAddresses: {} },
      ],
    })
    expect(inspect(lab, 'app')).toContain(
      '"Config": [\n                {\n                    "Subnet": "10.5.0.0/24",\n                    "IPRange": "10.5.0.128/25"\n                }\n            ]',
    )
    expect(inspect(lab, 'lab')).toContain(
      '"Subnet": "10.6.0.0/24",\n                    "Gateway": "10.6.0.254"\n',
    )
    expect(inspect(lab, 'lab')).toContain(
      '"Labels": {\n            "a": "2",\n            "z": "1"\n        }',
    )
    expect(inspect(lab, 'auto')).toContain(
      '"Subnet": "172.18.0.0/16",\n                    "Gateway": "172.18.0.1"\n',
    )
  })

  it('lists the endpoints of running containers only, keyed by container ID', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web nginx')
    lab.run('docker run -d --name old nginx')
    lab.run('docker stop old')
    const web = allContainers(host(lab).daemon).find((c) => c.name === 'web')
    const ep = allEndpoints(host(lab).daemon)[0]
    expect(networkInspectJson(host(lab), network(lab, 'bridge'))['Containers']).toEqual({
      [web?.id ?? '']: {
        Name: 'web',
        EndpointID: ep?.id,
        MacAddress: ep?.mac,
        IPv4Address: '172.17.0.2/16',
        IPv6Address: '',
      },
    })
  })
})
