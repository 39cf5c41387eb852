// `docker info` (docker/cli cli/command/system/info.go prettyPrintInfo) for the simulated host:
// the counts and the network plugins come from the world, the rest is what a typical Docker
// Engine 28.5 on Ubuntu 24.04 prints. `--format` runs a Go template on the same data.

import { allContainers, ENGINE_VERSION as V, type Host, type World } from '../../engine'
import { renderTemplate } from '../format/go-template'
import { fail, out } from '../output'
import type { DockerCommand } from './command'
import { flagsFromHelp } from './help-flags'
import { swarmInfoData, swarmInfoLines } from './info-swarm'

function infoData(world: World, host: Host): Record<string, unknown> {
  const containers = allContainers(host.daemon)
  const count = (s: string): number => containers.filter((c) => c.status === s).length
  const images = new Set(containers.map((c) => c.imageId)).size
  return {
    Containers: containers.length,
    ContainersRunning: count('running'),
    ContainersPaused: count('paused'),
    ContainersStopped: containers.length - count('running') - count('paused'),
    Images: images,
    ServerVersion: V.version,
    Name: host.hostname,
    KernelVersion: V.kernel,
    OperatingSystem: 'Ubuntu 24.04.3 LTS',
    OSType: 'linux',
    Architecture: 'x86_64',
    NCPU: 2,
    DockerRootDir: '/var/lib/docker',
    Driver: 'overlay2',
    Plugins: { Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'] },
    Swarm: swarmInfoData(world, host.id),
  }
}

function pretty(world: World, host: Host): string {
  const d = infoData(world, host)
  const n = (k: string): string => String(d[k])
  return `Client: Docker Engine - Community
 Version:    ${V.version}
 Context:    default
 Debug Mode: false

Server:
 Containers: ${n('Containers')}
  Running: ${n('ContainersRunning')}
  Paused: ${n('ContainersPaused')}
  Stopped: ${n('ContainersStopped')}
 Images: ${n('Images')}
 Server Version: ${V.version}
 Storage Driver: overlay2
  Backing Filesystem: extfs
  Supports d_type: true
  Using metacopy: false
  Native Overlay Diff: true
  userxattr: false
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog
${swarmInfoLines(world, host.id).join('\n')}
 Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Init Binary: docker-init
 containerd version: ${V.containerd.commit}
 runc version: ${V.runc.commit}
 init version: ${V.dockerInit.commit}
 Security Options:
  apparmor
  seccomp
   Profile: builtin
  cgroupns
 Kernel Version: ${V.kernel}
 Operating System: Ubuntu 24.04.3 LTS
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Total Memory: 3.82GiB
 Name: ${host.hostname}
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  ::1/128
  127.0.0.0/8
 Live Restore Enabled: false
 Firewall Backend: iptables

`
}

export const infoCommand: DockerCommand = {
  path: 'docker info',
  usage: 'docker info [OPTIONS]',
  flags: flagsFromHelp('docker info'),
  args: { kind: 'none' },
  run: (ctx, p) => {
    const host = ctx.engine.world.hosts[ctx.host]
    if (!host) return fail('Cannot connect to the Docker daemon\n', 1)
    const format = p.flags.lists.get('format')?.at(-1)
    if (format === undefined) return out(pretty(ctx.engine.world, host))
    const r = renderTemplate(
      format === 'json' ? '{{json .}}' : format,
      infoData(ctx.engine.world, host),
    )
    return r.ok ? out(`${r.value}\n`) : fail(`template parsing error: ${r.error}\n`, 1)
  },
}
