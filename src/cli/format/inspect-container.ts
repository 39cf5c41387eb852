// `docker inspect <container>` for Docker 28: the InspectResponse the daemon builds (moby v28.5.2
// api/types/container/container.go ContainerJSONBase + InspectResponse, config.go Config,
// daemon/inspect.go getInspectData). Field order is Go's declaration order; maps have sorted
// keys. The files Docker writes for a container (resolv.conf, hosts, the json log) get their
// paths when it first starts; a container sharing another's namespace uses that one's files.

import { daemon, type Container, type Host } from '../../engine'
import { hostConfigJson } from './inspect-host-config'
import { omitEmpty, type JsonValue } from './inspect-json'
import { sortedMap } from './inspect-network'
import { networkSettingsJson } from './inspect-network-settings'
import { exposedPortKeys, isRunning } from './inspect-ports'
import { lookupContainer } from '../../engine'
import { nanosFor, rfc3339Nano, ZERO_TIME } from './time'

type JsonObject = { [key: string]: JsonValue | undefined }

export type ContainerInspectOptions = {
  /** `--size`: SizeRw and SizeRootFs (the simulator has no image layers: both 0). */
  readonly size?: boolean
}

const CONTAINERS_DIR = '/var/lib/docker/containers'
const OVERLAY_DIR = '/var/lib/docker/overlay2'

/** A stable 64-hex name for an overlay2 layer directory (FNV-1a lanes over `seed`). */
function layerId(seed: string): string {
  let out = ''
  for (let lane = 0; lane < 8; lane++) {
    out += nanosFor(`${lane}:${seed}`).toString(16).padStart(8, '0').slice(-8)
  }
  return out
}

const time = (c: Container, what: string, at: number | undefined): string =>
  at === undefined ? ZERO_TIME : rfc3339Nano(at, nanosFor(`${c.id}/${what}/${at}`))

function state(c: Container): JsonObject {
  return {
    Status: c.status,
    Running: isRunning(c),
    Paused: c.status === 'paused',
    Restarting: c.status === 'restarting',
    OOMKilled: false,
    Dead: c.status === 'dead',
    Pid: isRunning(c) ? (c.pid ?? 0) : 0,
    ExitCode: c.exitCode,
    Error: '',
    StartedAt: time(c, 'started', c.startedAt),
    FinishedAt: time(c, 'finished', c.finishedAt),
  }
}

/** ReplaceOrAppendEnvValues: a later `KEY=` replaces an earlier one in place. */
function mergeEnv(env: readonly string[]): string[] {
  const out: string[] = []
  const index = new Map<string, number>()
  for (const kv of env) {
    const key = kv.split('=')[0] ?? kv
    const at = index.get(key)
    if (at === undefined) {
      index.set(key, out.length)
      out.push(kv)
    } else out[at] = kv
  }
  return out
}

function config(host: Host, c: Container): JsonObject {
  const image = daemon.resolveImage(c.image).config
  const exposed = exposedPortKeys(c)
  // Joining another container's namespace also takes its hostname (initializeNetworking).
  const shared = c.networkMode.kind === 'container' && c.startedAt !== undefined
  return omitEmpty(
    {
      Hostname: shared ? filesOwner(host, c).hostname : c.hostname,
      Domainname: c.domainname,
      User: '',
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ExposedPorts: Object.fromEntries(exposed.map((p) => [p, {}])),
      Tty: c.tty,
      OpenStdin: c.openStdin,
      StdinOnce: false,
      // Link variables go to the process only (oci_linux.go CreateDaemonEnvironment).
      Env: mergeEnv(c.env.filter((e) => !c.linkEnv.includes(e))),
      Cmd: c.cmd.length ? c.cmd : null,
      Image: c.image,
      Volumes: null,
      WorkingDir: image.WorkingDir,
      Entrypoint: c.entrypoint.length ? c.entrypoint : null,
      OnBuild: null,
      Labels: sortedMap(c.labels),
      StopSignal: image.StopSignal,
    },
    'ExposedPorts',
    'StopSignal',
  )
}

/** The container whose /etc files this one uses (`--network container:x` shares them). */
function filesOwner(host: Host, c: Container): Container {
  if (c.networkMode.kind !== 'container') return c
  const ref = c.networkMode.container
  const found = lookupContainer(host.daemon, ref)
  return found.kind === 'found' ? found.container : c
}

function graphDriver(c: Container): JsonObject {
  const rw = layerId(c.id)
  const base = layerId(c.imageId)
  return {
    Data: {
      LowerDir: `${OVERLAY_DIR}/${rw}-init/diff:${OVERLAY_DIR}/${base}/diff`,
      MergedDir: `${OVERLAY_DIR}/${rw}/merged`,
      UpperDir: `${OVERLAY_DIR}/${rw}/diff`,
      WorkDir: `${OVERLAY_DIR}/${rw}/work`,
    },
    Name: 'overlay2',
  }
}

/** The object `docker inspect` prints for one container. */
export function containerInspectJson(
  host: Host,
  c: Container,
  opts: ContainerInspectOptions = {},
): JsonObject {
  const started = c.startedAt !== undefined
  const files = filesOwner(host, c)
  const path = (owner: Container, file: string): string =>
    started ? `${CONTAINERS_DIR}/${owner.id}/${file}` : ''
  const [cmdPath = '', ...args] = [...c.entrypoint, ...c.cmd]
  return {
    Id: c.id,
    Created: rfc3339Nano(c.created, nanosFor(c.id)),
    Path: cmdPath,
    Args: args,
    State: state(c),
    Image: c.imageId,
    ResolvConfPath: path(files, 'resolv.conf'),
    HostnamePath: path(files, 'hostname'),
    HostsPath: path(files, 'hosts'),
    LogPath: path(c, `${c.id}-json.log`),
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: started ? 'docker-default' : '',
    ExecIDs: null,
    HostConfig: hostConfigJson(host, c),
    GraphDriver: graphDriver(c),
    // *int64 with omitempty: present (even 0) only when asked for.
    SizeRw: opts.size ? 0 : undefined,
    SizeRootFs: opts.size ? 0 : undefined,
    Mounts: [],
    Config: config(host, c),
    NetworkSettings: networkSettingsJson(host, c),
  }
}
