import { describe, expect, it } from 'vitest'
import { allNetworks, allContainers, allEndpoints } from '../../../src/engine'
import { containerInspectJson } from '../../../src/cli/format/inspect-container'
import { formatInspectArray } from '../../../src/cli/format/inspect-json'
import { nanosFor, rfc3339Nano } from '../../../src/cli/format/time'
import { daemon, hostId, type Container, type Host } from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'

const host = (lab: TestLab): Host => lab.world.hosts[hostId('host1')] as Host
const container = (lab: TestLab, name: string): Container =>
  allContainers(host(lab).daemon).find((c) => c.name === name) as Container
/** A path into the inspect object: `at(lab, 'web', 'State', 'Pid')`. */
function at(lab: TestLab, name: string, ...path: string[]): unknown {
  let v: unknown = containerInspectJson(host(lab), container(lab, name))
  for (const k of path) v = (v as Record<string, unknown>)[k]
  return v
}

/** The inspect text with the world's random IDs replaced by placeholders. */
function normalized(lab: TestLab, name: string): string {
  const h = host(lab)
  const c = container(lab, name)
  const ep = allEndpoints(h.daemon).find((e) => e.container === c.id)
  const net = allNetworks(h.daemon).find((n) => n.id === ep?.network)
  const replacements: [string, string][] = [
    [c.id, '<ID>'],
    [c.id.slice(0, 12), '<SHORT>'],
    [c.sandbox?.id ?? '-', '<SANDBOX>'],
    [c.sandbox?.id.slice(0, 12) ?? '-', '<SANDBOX12>'],
    [ep?.id ?? '-', '<ENDPOINT>'],
    [ep?.mac ?? '-', '<MAC>'],
    [net?.id ?? '-', '<NETWORK>'],
    [daemon.resolveImage(c.image).id, '<IMAGE>'],
    [rfc3339Nano(c.created, nanosFor(c.id)), '<CREATED>'],
  ]
  let text = formatInspectArray([containerInspectJson(h, c)])
  for (const [from, to] of replacements) text = text.replaceAll(from, to)
  return text
    .replace(/"StartedAt": "2026-01-01T00:00:01(\.\d+)?Z"/, '"StartedAt": "<STARTED>"')
    .replace(/overlay2\/[0-9a-f]{64}\/diff"/, 'overlay2/<BASE>/diff"')
    .replaceAll(/overlay2\/[0-9a-f]{64}/g, 'overlay2/<LAYER>')
}

const WEB = `[
    {
        "Id": "<ID>",
        "Created": "<CREATED>",
        "Path": "/docker-entrypoint.sh",
        "Args": [
            "nginx",
            "-g",
            "daemon off;"
        ],
        "State": {
            "Status": "running",
            "Running": true,
            "Paused": false,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": 1023,
            "ExitCode": 0,
            "Error": "",
            "StartedAt": "<STARTED>",
            "FinishedAt": "0001-01-01T00:00:00Z"
        },
        "Image": "<IMAGE>",
        "ResolvConfPath": "/var/lib/docker/containers/<ID>/resolv.conf",
        "HostnamePath": "/var/lib/docker/containers/<ID>/hostname",
        "HostsPath": "/var/lib/docker/containers/<ID>/hosts",
        "LogPath": "/var/lib/docker/containers/<ID>/<ID>-json.log",
        "Name": "/web",
        "RestartCount": 0,
        "Driver": "overlay2",
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "docker-default",
        "ExecIDs": null,
        "HostConfig": {
            "Binds": null,
            "ContainerIDFile": "",
            "LogConfig": {
                "Type": "json-file",
                "Config": {}
            },
            "NetworkMode": "bridge",
            "PortBindings": {
                "80/tcp": [
                    {
                        "HostIp": "",
                        "HostPort": "8080"
                    }
                ]
            },
            "RestartPolicy": {
                "Name": "no",
                "MaximumRetryCount": 0
            },
            "AutoRemove": false,
            "VolumeDriver": "",
            "VolumesFrom": null,
            "ConsoleSize": [
                24,
                80
            ],
            "CapAdd": null,
            "CapDrop": null,
            "CgroupnsMode": "private",
            "Dns": [],
            "DnsOptions": [],
            "DnsSearch": [],
            "ExtraHosts": null,
            "GroupAdd": null,
            "IpcMode": "private",
            "Cgroup": "",
            "Links": null,
            "OomScoreAdj": 0,
            "PidMode": "",
            "Privileged": false,
            "PublishAllPorts": false,
            "ReadonlyRootfs": false,
            "SecurityOpt": null,
            "UTSMode": "",
            "UsernsMode": "",
            "ShmSize": 67108864,
            "Runtime": "runc",
            "Isolation": "",
            "CpuShares": 0,
            "Memory": 0,
            "NanoCpus": 0,
            "CgroupParent": "",
            "BlkioWeight": 0,
            "BlkioWeightDevice": [],
            "BlkioDeviceReadBps": [],
            "BlkioDeviceWriteBps": [],
            "BlkioDeviceReadIOps": [],
            "BlkioDeviceWriteIOps": [],
            "CpuPeriod": 0,
            "CpuQuota": 0,
            "CpuRealtimePeriod": 0,
            "CpuRealtimeRuntime": 0,
            "CpusetCpus": "",
            "CpusetMems": "",
            "Devices": [],
            "DeviceCgroupRules": null,
            "DeviceRequests": null,
            "MemoryReservation": 0,
            "MemorySwap": 0,
            "MemorySwappiness": null,
            "OomKillDisable": false,
            "PidsLimit": null,
            "Ulimits": [],
            "CpuCount": 0,
            "CpuPercent": 0,
            "IOMaximumIOps": 0,
            "IOMaximumBandwidth": 0,
            "MaskedPaths": [
                "/proc/asound",
                "/proc/acpi",
                "/proc/interrupts",
                "/proc/kcore",
                "/proc/keys",
                "/proc/latency_stats",
                "/proc/timer_list",
                "/proc/timer_stats",
                "/proc/sched_debug",
                "/proc/scsi",
                "/sys/firmware",
                "/sys/devices/virtual/powercap"
            ],
            "ReadonlyPaths": [
                "/proc/bus",
                "/proc/fs",
                "/proc/irq",
                "/proc/sys",
                "/proc/sysrq-trigger"
            ]
        },
        "GraphDriver": {
            "Data": {
                "LowerDir": "/var/lib/docker/overlay2/<LAYER>-init/diff:/var/lib/docker/overlay2/<BASE>/diff",
                "MergedDir": "/var/lib/docker/overlay2/<LAYER>/merged",
                "UpperDir": "/var/lib/docker/overlay2/<LAYER>/diff",
                "WorkDir": "/var/lib/docker/overlay2/<LAYER>/work"
            },
            "Name": "overlay2"
        },
        "Mounts": [],
        "Config": {
            "Hostname": "<SHORT>",
            "Domainname": "",
            "User": "",
            "AttachStdin": false,
            "AttachStdout": false,
            "AttachStderr": false,
            "ExposedPorts": {
                "80/tcp": {}
            },
            "Tty": false,
            "OpenStdin": false,
            "StdinOnce": false,
            "Env": [
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "NGINX_VERSION=1.31.3",
                "NJS_VERSION=1.0.0",
                "NJS_RELEASE=1~trixie",
                "ACME_VERSION=0.4.1",
                "PKG_RELEASE=1~trixie",
                "DYNPKG_RELEASE=1~trixie"
            ],
            "Cmd": [
                "nginx",
                "-g",
                "daemon off;"
            ],
            "Image": "nginx",
            "Volumes": null,
            "WorkingDir": "",
            "Entrypoint": [
                "/docker-entrypoint.sh"
            ],
            "OnBuild": null,
            "Labels": {},
            "StopSignal": "SIGQUIT"
        },
        "NetworkSettings": {
            "Bridge": "",
            "SandboxID": "<SANDBOX>",
            "SandboxKey": "/var/run/docker/netns/<SANDBOX12>",
            "Ports": {
                "80/tcp": [
                    {
                        "HostIp": "0.0.0.0",
                        "HostPort": "8080"
                    },
                    {
                        "HostIp": "::",
                        "HostPort": "8080"
                    }
                ]
            },
            "HairpinMode": false,
            "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0,
            "SecondaryIPAddresses": null,
            "SecondaryIPv6Addresses": null,
            "EndpointID": "<ENDPOINT>",
            "Gateway": "172.17.0.1",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "IPAddress": "172.17.0.2",
            "IPPrefixLen": 16,
            "IPv6Gateway": "",
            "MacAddress": "<MAC>",
            "Networks": {
                "bridge": {
                    "IPAMConfig": null,
                    "Links": null,
                    "Aliases": null,
                    "MacAddress": "<MAC>",
                    "DriverOpts": null,
                    "GwPriority": 0,
                    "NetworkID": "<NETWORK>",
                    "EndpointID": "<ENDPOINT>",
                    "Gateway": "172.17.0.1",
                    "IPAddress": "172.17.0.2",
                    "IPPrefixLen": 16,
                    "IPv6Gateway": "",
                    "GlobalIPv6Address": "",
                    "GlobalIPv6PrefixLen": 0,
                    "DNSNames": null
                }
            }
        }
    }
]
`

describe('docker inspect JSON of a container', () => {
  it('prints a running nginx published on 8080 as Docker 28 does', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 8080:80 nginx')
    expect(normalized(lab, 'web')).toBe(WEB)
  })

  it('drops operational data, ports and the process when the container stops', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 8080:80 nginx')
    lab.run('docker stop web')
    expect(at(lab, 'web', 'State')).toMatchObject({
      Status: 'exited',
      Running: false,
      Pid: 0,
      ExitCode: 0,
    })
    expect(at(lab, 'web', 'State', 'FinishedAt')).toMatch(/^2026-01-01T00:00:0\d(\.\d+)?Z$/)
    expect(at(lab, 'web', 'NetworkSettings')).toMatchObject({
      SandboxID: '',
      SandboxKey: '',
      Ports: {},
      IPAddress: '',
      Gateway: '',
      MacAddress: '',
      Networks: {
        bridge: {
          NetworkID: allNetworks(host(lab).daemon).find((n) => n.name === 'bridge')?.id,
          EndpointID: '',
          IPAddress: '',
          MacAddress: '',
        },
      },
    })
    expect(at(lab, 'web', 'HostConfig', 'PortBindings')).toEqual({
      '80/tcp': [{ HostIp: '', HostPort: '8080' }],
    })
  })

  it('has no paths, network ID or start time before the first start', () => {
    const lab = createTestLab()
    lab.run('docker network create app')
    lab.run('docker create --name fresh --network app alpine')
    expect(at(lab, 'fresh')).toMatchObject({
      Path: '/bin/sh',
      Args: [],
      ResolvConfPath: '',
      HostsPath: '',
      LogPath: '',
      AppArmorProfile: '',
      State: { Status: 'created', StartedAt: '0001-01-01T00:00:00Z' },
      HostConfig: { NetworkMode: 'app' },
    })
    // ExposedPorts and StopSignal are omitempty: absent from the JSON, empty for templates.
    expect(at(lab, 'fresh', 'Config')).toMatchObject({ ExposedPorts: {}, StopSignal: '' })
    const text = formatInspectArray([containerInspectJson(host(lab), container(lab, 'fresh'))])
    expect(text).not.toContain('ExposedPorts')
    expect(text).not.toContain('StopSignal')
    expect(at(lab, 'fresh', 'NetworkSettings', 'Networks', 'app')).toMatchObject({
      NetworkID: '',
      DNSNames: null,
    })
  })

  it('fills DNSNames and the entry, not the top-level address, on a user-defined network', () => {
    const lab = createTestLab()
    lab.run('docker network create --subnet 10.5.0.0/24 app')
    lab.run('docker run -d --name db --network app --network-alias database --ip 10.5.0.9 redis')
    const c = container(lab, 'db')
    expect(at(lab, 'db', 'NetworkSettings')).toMatchObject({
      IPAddress: '',
      Gateway: '',
      MacAddress: '',
      EndpointID: '',
    })
    expect(at(lab, 'db', 'NetworkSettings', 'Ports')).toEqual({ '6379/tcp': null })
    expect(at(lab, 'db', 'NetworkSettings', 'Networks', 'app')).toMatchObject({
      IPAMConfig: { IPv4Address: '10.5.0.9' },
      Aliases: ['database'],
      Gateway: '10.5.0.1',
      IPAddress: '10.5.0.9',
      IPPrefixLen: 24,
      DNSNames: ['db', 'database', c.id.slice(0, 12)],
    })
    expect(at(lab, 'db', 'Config')).toMatchObject({
      WorkingDir: '/data',
      Entrypoint: ['docker-entrypoint.sh'],
    })
  })

  it('shows host mode under the host network and container mode with no networks', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name hostweb --network host nginx')
    lab.run('docker run -d --name db redis')
    lab.run('docker run -d --name side --network container:db alpine sleep 100')
    const hostNet = allNetworks(host(lab).daemon).find((n) => n.name === 'host')
    expect(Object.keys(at(lab, 'hostweb', 'NetworkSettings', 'Networks') as object)).toEqual([
      'host',
    ])
    expect(at(lab, 'hostweb', 'NetworkSettings', 'Networks', 'host')).toMatchObject({
      NetworkID: hostNet?.id,
      IPAddress: '',
      DNSNames: null,
    })
    expect(at(lab, 'hostweb', 'NetworkSettings', 'Ports')).toEqual({})
    const db = container(lab, 'db')
    expect(at(lab, 'side', 'HostConfig', 'NetworkMode')).toBe(`container:${db.id}`)
    expect(at(lab, 'side', 'NetworkSettings', 'Networks')).toEqual({})
    expect(at(lab, 'side', 'HostsPath')).toBe(`/var/lib/docker/containers/${db.id}/hosts`)
    expect(at(lab, 'side', 'Config', 'Hostname')).toBe(db.hostname)
  })

  it('reports legacy links as /child:/parent/alias and merges the environment', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name db redis')
    lab.run('docker run -d --name web --link db:database -e REDIS_VERSION=7 -e A=1 redis')
    expect(at(lab, 'web', 'HostConfig', 'Links')).toEqual(['/db:/web/database'])
    expect(at(lab, 'web', 'Config', 'Env')).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'REDIS_VERSION=7',
      'A=1',
    ])
  })

  it('lists published, ephemeral and exposed ports, sorted as Go sorts map keys', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 80 -p 127.0.0.1:9090:90/udp --expose 7000 nginx')
    expect(Object.keys(at(lab, 'web', 'Config', 'ExposedPorts') as object)).toEqual([
      '7000/tcp',
      '80/tcp',
      '90/udp',
    ])
    expect(at(lab, 'web', 'NetworkSettings', 'Ports')).toEqual({
      '7000/tcp': null,
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '32768' },
        { HostIp: '::', HostPort: '32768' },
      ],
      '90/udp': [{ HostIp: '127.0.0.1', HostPort: '9090' }],
    })
    expect(at(lab, 'web', 'HostConfig', 'PortBindings')).toEqual({
      '80/tcp': [{ HostIp: '', HostPort: '' }],
      '90/udp': [{ HostIp: '127.0.0.1', HostPort: '9090' }],
    })
  })
})
