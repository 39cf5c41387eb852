// `HostConfig` of `docker inspect <container>`: what the 28.x docker CLI sends for `docker run`
// (docker/cli cli/command/container/opts.go parse: empty lists for Dns*/Blkio*/Devices/Ulimits,
// nil for the rest) after the daemon's defaults (moby v28.5.2 daemon/daemon_unix.go
// adaptContainerSettings, daemon/create_unix.go masked/read-only paths) and inspect's rewrite of
// legacy links (daemon/inspect.go getInspectData: `/db:/web/db`). Field order is
// api/types/container/hostconfig.go HostConfig with Resources inlined.

import { getNetwork, daemon, type Container, type Host } from '../../engine'
import type { JsonValue } from './inspect-json'
import { getContainer, lookupContainer } from '../../engine'
import { sortedMap } from './inspect-network'

type JsonObject = { [key: string]: JsonValue | undefined }

/** oci/defaults.go defaultLinuxMaskedPaths (a VM: no per-CPU thermal_throttle entries). */
const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
]
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']

/** The client's terminal (rows, columns): cli/command/container/create.go GetTtySize. */
const CONSOLE_SIZE = [24, 80]

/** 64 MiB, config.DefaultShmSize. */
const SHM_SIZE = 67108864

/**
 * HostConfig.NetworkMode: `default` became `bridge` at create (API router), `container:` refers
 * to the full ID (adaptSharedNamespaceContainer), a network ID prefix to the full ID
 * (normalizeNetMode); names stay as given.
 */
export function networkModeString(host: Host, c: Container): string {
  const mode = c.networkMode
  switch (mode.kind) {
    case 'default': {
      // `--network app` may reach the daemon model as the default mode plus an attachment.
      const first = c.attachments[0]
      const net = first && getNetwork(host.daemon, first.network)
      return net?.name ?? 'bridge'
    }
    case 'host':
    case 'none':
      return mode.kind
    case 'container': {
      const found = lookupContainer(host.daemon, mode.container)
      const other = found.kind === 'found' ? found.container : undefined
      return `container:${other?.id ?? mode.container}`
    }
    case 'network': {
      const net = daemon.findNetwork(host, mode.name)
      if (!net || net.name === mode.name || net.id === mode.name) return mode.name
      return net.id
    }
  }
}

function portBindings(c: Container): Record<string, JsonValue> {
  const out: Record<string, { HostIp: string; HostPort: string }[]> = {}
  for (const b of c.portBindings) {
    const key = `${b.containerPort}/${b.proto}`
    const hostPort =
      b.hostPort === 0
        ? ''
        : b.hostPortEnd > b.hostPort
          ? `${b.hostPort}-${b.hostPortEnd}`
          : `${b.hostPort}`
    out[key] = [...(out[key] ?? []), { HostIp: b.hostIp, HostPort: hostPort }]
  }
  return sortedMap(out)
}

function legacyLinks(host: Host, c: Container): string[] | null {
  if (c.legacyLinks.length === 0) return null
  return c.legacyLinks
    .map(
      (l) =>
        `/${getContainer(host.daemon, l.container)?.name ?? l.container}:/${c.name}/${l.alias}`,
    )
    .sort()
}

const nullIfEmpty = (xs: readonly string[]): readonly string[] | null => (xs.length ? xs : null)

/** The HostConfig object of a container's inspect output. */
export function hostConfigJson(host: Host, c: Container): JsonObject {
  return {
    Binds: null,
    ContainerIDFile: '',
    LogConfig: { Type: 'json-file', Config: {} },
    NetworkMode: networkModeString(host, c),
    PortBindings: portBindings(c),
    RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
    AutoRemove: c.autoRemove,
    VolumeDriver: '',
    VolumesFrom: null,
    ConsoleSize: CONSOLE_SIZE,
    CapAdd: null,
    CapDrop: null,
    CgroupnsMode: 'private',
    Dns: [...c.dns],
    DnsOptions: [...c.dnsOptions],
    DnsSearch: [...c.dnsSearch],
    ExtraHosts: nullIfEmpty(c.extraHosts),
    GroupAdd: null,
    IpcMode: 'private',
    Cgroup: '',
    Links: legacyLinks(host, c),
    OomScoreAdj: 0,
    PidMode: '',
    Privileged: false,
    PublishAllPorts: c.publishAll,
    ReadonlyRootfs: false,
    SecurityOpt: null,
    UTSMode: '',
    UsernsMode: '',
    ShmSize: SHM_SIZE,
    Runtime: 'runc',
    Isolation: '',
    CpuShares: 0,
    Memory: 0,
    NanoCpus: 0,
    CgroupParent: '',
    BlkioWeight: 0,
    BlkioWeightDevice: [],
    BlkioDeviceReadBps: [],
    BlkioDeviceWriteBps: [],
    BlkioDeviceReadIOps: [],
    BlkioDeviceWriteIOps: [],
    CpuPeriod: 0,
    CpuQuota: 0,
    CpuRealtimePeriod: 0,
    CpuRealtimeRuntime: 0,
    CpusetCpus: '',
    CpusetMems: '',
    Devices: [],
    DeviceCgroupRules: null,
    DeviceRequests: null,
    MemoryReservation: 0,
    MemorySwap: 0,
    MemorySwappiness: null,
    OomKillDisable: false,
    PidsLimit: null,
    Ulimits: [],
    CpuCount: 0,
    CpuPercent: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
    MaskedPaths: MASKED_PATHS,
    ReadonlyPaths: READONLY_PATHS,
  }
}
