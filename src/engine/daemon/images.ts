// A small built-in image catalogue: what `docker run` needs from an image without a registry.
// Config (Entrypoint, Cmd, Env, ExposedPorts, WorkingDir, StopSignal) as docker-library/repo-info
// records the official linux/amd64 images; references parsed like distribution/reference
// (ParseNormalizedNamed, FamiliarString, TagNameOnly); the ps COMMAND text as moby (v28.5.2)
// container/view.go builds it, the IMAGE column as docker/cli formatter/container.go Image().

/** Which tools answer inside the container: BusyBox applets (alpine, busybox) or GNU/Debian ones. */
export type Userland = 'busybox' | 'debian'

/** A socket the image's default command listens on, so the simulator can open it at start. */
export type ImageService = {
  readonly proto: 'tcp' | 'udp'
  readonly port: number
  /** The process name `ss -p` / `netstat -p` shows. */
  readonly process: string
}

/** The parts of `docker image inspect .Config` the simulator uses, under Docker's field names. */
export type ImageConfig = {
  readonly Entrypoint: readonly string[] | null
  readonly Cmd: readonly string[] | null
  readonly Env: readonly string[]
  /** `port/proto` keys, as `EXPOSE` wrote them. */
  readonly ExposedPorts: readonly string[]
  readonly WorkingDir: string
  /** Empty when the image sets none (the daemon then sends SIGTERM). */
  readonly StopSignal: string
}

export type ImageInfo = {
  /** Normalised reference, `nginx:latest` (FamiliarString of TagNameOnly). */
  readonly ref: string
  /** Familiar repository name: `nginx`, `bitnami/redis`, `ghcr.io/org/app`. */
  readonly repository: string
  /** `latest` unless given; `<none>` for a digest-only reference. */
  readonly tag: string
  /** `sha256:` + 64 hex, a fixed function of `ref` (not drawn from the rng). */
  readonly id: string
  /** False for the generic stand-in used for an image the catalogue does not have. */
  readonly known: boolean
  readonly config: ImageConfig
  readonly userland: Userland
  /** The richest interactive shell in the image. */
  readonly shell: 'sh' | 'bash'
  /** Sockets the default command opens. */
  readonly services: readonly ImageService[]
  /**
   * True when the default command is a server that keeps running detached without a TTY;
   * shells and REPLs (`sh`, `bash`, `node`, `python3`) exit at once unless run with `-it`.
   */
  readonly daemon: boolean
  /** At least one of these variables must be set or the entrypoint exits (postgres, mysql). */
  readonly requiresOneOfEnv: readonly string[]
  /** The untruncated `docker ps` COMMAND text of the default command. */
  readonly command: string
  /**
   * Programs the image ships beyond its shell and base tools, of those the simulator knows
   * (`curl`, `wget`): what `docker exec C curl …` finds on the PATH.
   */
  readonly tools: readonly string[]
}

type ImageSpec = Omit<ImageInfo, 'ref' | 'repository' | 'tag' | 'id' | 'known' | 'command'>

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

function config(c: Partial<ImageConfig>): ImageConfig {
  return {
    Entrypoint: null,
    Cmd: null,
    Env: [PATH],
    ExposedPorts: [],
    WorkingDir: '',
    StopSignal: '',
    ...c,
  }
}

function spec(s: Partial<ImageSpec> & Pick<ImageSpec, 'config'>): ImageSpec {
  return {
    userland: 'debian',
    shell: 'bash',
    services: [],
    daemon: false,
    requiresOneOfEnv: [],
    tools: [],
    ...s,
  }
}

const tcp = (port: number, process: string): ImageService => ({ proto: 'tcp', port, process })

const NGINX_RUN = {
  Entrypoint: ['/docker-entrypoint.sh'],
  Cmd: ['nginx', '-g', 'daemon off;'],
  ExposedPorts: ['80/tcp'],
  StopSignal: 'SIGQUIT',
}

const ENTRYPOINT_SH = ['docker-entrypoint.sh']

// buildpack-deps:trixie-curl (docker-library/buildpack-deps), the base of python and node.
const BUILDPACK_TOOLS = ['curl', 'wget']

const CATALOGUE: Readonly<Record<string, ImageSpec>> = {
  busybox: spec({ config: config({ Cmd: ['sh'] }), userland: 'busybox', shell: 'sh' }),
  alpine: spec({ config: config({ Cmd: ['/bin/sh'] }), userland: 'busybox', shell: 'sh' }),
  ubuntu: spec({ config: config({ Cmd: ['/bin/bash'] }) }),
  debian: spec({ config: config({ Cmd: ['bash'] }) }),
  nginx: spec({
    config: config({
      ...NGINX_RUN,
      Env: [
        PATH,
        'NGINX_VERSION=1.31.3',
        'NJS_VERSION=1.0.0',
        'NJS_RELEASE=1~trixie',
        'ACME_VERSION=0.4.1',
        'PKG_RELEASE=1~trixie',
        'DYNPKG_RELEASE=1~trixie',
      ],
    }),
    services: [tcp(80, 'nginx')],
    daemon: true,
    // nginxinc/docker-nginx mainline/debian/Dockerfile installs curl next to the packages.
    tools: ['curl'],
  }),
  httpd: spec({
    config: config({
      Cmd: ['httpd-foreground'],
      Env: [
        'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HTTPD_PREFIX=/usr/local/apache2',
        'HTTPD_VERSION=2.4.68',
        'HTTPD_SHA256=68c74d4df38c26bed4dfbdb8f3baf1eb532f3872357becc1bba5d136f6b63c06',
        'HTTPD_PATCHES=',
      ],
      ExposedPorts: ['80/tcp'],
      WorkingDir: '/usr/local/apache2',
      StopSignal: 'SIGWINCH',
    }),
    services: [tcp(80, 'httpd')],
    daemon: true,
  }),
  redis: spec({
    config: config({
      Entrypoint: ENTRYPOINT_SH,
      Cmd: ['redis-server'],
      Env: [PATH, 'REDIS_VERSION=8.10.1'],
      ExposedPorts: ['6379/tcp'],
      WorkingDir: '/data',
    }),
    services: [tcp(6379, 'redis-server')],
    daemon: true,
  }),
  postgres: spec({
    config: config({
      Entrypoint: ENTRYPOINT_SH,
      Cmd: ['postgres'],
      Env: [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/18/bin',
        'GOSU_VERSION=1.19',
        'LANG=en_US.utf8',
        'PG_MAJOR=18',
        'PG_VERSION=18.6-1.pgdg13+2',
        'PGDATA=/var/lib/postgresql/18/docker',
      ],
      ExposedPorts: ['5432/tcp'],
      StopSignal: 'SIGINT',
    }),
    services: [tcp(5432, 'postgres')],
    daemon: true,
    // docker-entrypoint.sh: "Database is uninitialized and superuser password is not specified."
    requiresOneOfEnv: ['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD'],
  }),
  // Oracle Linux based; GNU tools, so 'debian' as far as the userland goes.
  mysql: spec({
    config: config({
      Entrypoint: ENTRYPOINT_SH,
      Cmd: ['mysqld'],
      Env: [
        PATH,
        'GOSU_VERSION=1.19',
        'MYSQL_MAJOR=innovation',
        'MYSQL_VERSION=26.7.0-1.el9',
        'MYSQL_SHELL_VERSION=26.7.0-1.el9',
      ],
      ExposedPorts: ['3306/tcp', '33060/tcp'],
    }),
    services: [tcp(3306, 'mysqld'), tcp(33060, 'mysqld')],
    daemon: true,
    requiresOneOfEnv: [
      'MYSQL_ROOT_PASSWORD',
      'MYSQL_ALLOW_EMPTY_PASSWORD',
      'MYSQL_RANDOM_ROOT_PASSWORD',
    ],
    // oraclelinux:9-slim has curl (the Dockerfile fetches gosu with it before installing anything).
    tools: ['curl'],
  }),
  python: spec({
    config: config({
      Cmd: ['python3'],
      Env: [
        'PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'PYTHON_VERSION=3.14.7',
        'PYTHON_SHA256=3b48dac8fb59f62eaa67ac83c1eb12bda1b7a08406dd286e252c11a66be27f81',
      ],
    }),
    tools: BUILDPACK_TOOLS,
  }),
  node: spec({
    config: config({
      Entrypoint: ENTRYPOINT_SH,
      Cmd: ['node'],
      Env: [PATH, 'NODE_VERSION=26.5.0'],
    }),
    tools: BUILDPACK_TOOLS,
  }),
  traefik: spec({
    config: config({ Entrypoint: ['/entrypoint.sh'], Cmd: ['traefik'], ExposedPorts: ['80/tcp'] }),
    userland: 'busybox',
    shell: 'sh',
    // With no configuration Traefik serves one entrypoint, "http" on :80.
    services: [tcp(80, 'traefik')],
    daemon: true,
  }),
}

// Tags whose image differs from the repository's default in more than the userland.
const VARIANTS: Readonly<Record<string, ImageSpec>> = {
  // Ubuntu 14.04's image still shipped iputils-ping, iproute2 and net-tools (priority
  // important); 16.04 dropped them. Seed 002's containers run it.
  'ubuntu:14.04': spec({
    config: config({ Cmd: ['/bin/bash'] }),
    tools: ['ping', 'ip', 'ifconfig', 'netstat'],
  }),
  'nginx:alpine': spec({
    config: config({
      ...NGINX_RUN,
      Env: [
        PATH,
        'NGINX_VERSION=1.31.6',
        'PKG_RELEASE=1',
        'DYNPKG_RELEASE=1',
        'NJS_VERSION=1.0.1',
        'NJS_RELEASE=1',
        'ACME_VERSION=0.4.1',
      ],
    }),
    userland: 'busybox',
    shell: 'sh',
    services: [tcp(80, 'nginx')],
    daemon: true,
    // mainline/alpine/Dockerfile: "Bring in curl and ca-certificates".
    tools: ['curl'],
  }),
}

// An image the catalogue does not know: a plain Debian-like box that runs nothing.
const GENERIC = spec({ config: config({ Cmd: ['bash'] }) })

/** The repositories the catalogue knows, in alphabetical order. */
export const KNOWN_IMAGES: readonly string[] = Object.keys(CATALOGUE).sort()

type ParsedRef = { domain: string; path: string; tag?: string; digest?: string }

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^\w[\w.-]{0,127}$/
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/

// reference.ParseNormalizedNamed: [domain/]path[:tag][@digest], docker.io/library/ implied.
function parseRef(ref: string): ParsedRef | undefined {
  if (/^[a-f0-9]{64}$/.test(ref)) return undefined // "cannot specify 64-byte hexadecimal strings"
  let rest = ref
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) return undefined
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) return undefined
  }
  const slash = rest.indexOf('/')
  const first = slash < 0 ? '' : rest.slice(0, slash)
  const hasDomain = first !== '' && (/[.:]/.test(first) || first === 'localhost')
  const domain = hasDomain ? first : 'docker.io'
  let path = hasDomain ? rest.slice(slash + 1) : rest
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`
  if (!path.split('/').every((c) => COMPONENT.test(c))) return undefined
  return { domain, path, ...(tag === undefined ? {} : { tag }), ...(digest ? { digest } : {}) }
}

// reference.FamiliarName: docker.io and its library/ prefix are implied.
function familiarName(r: ParsedRef): string {
  if (r.domain !== 'docker.io') return `${r.domain}/${r.path}`
  return r.path.startsWith('library/') && r.path.split('/').length === 2
    ? r.path.slice('library/'.length)
    : r.path
}

function familiarString(r: ParsedRef): string {
  const tag = r.tag === undefined ? '' : `:${r.tag}`
  return `${familiarName(r)}${tag}${r.digest === undefined ? '' : `@${r.digest}`}`
}

/**
 * `nginx` → `nginx:latest`, `docker.io/library/redis` → `redis:latest`; a digest reference keeps
 * its digest and gets no tag. Invalid references come back unchanged.
 */
export function normalizeImageRef(ref: string): string {
  const r = parseRef(ref)
  if (r === undefined) return ref
  return familiarString(r.tag === undefined && r.digest === undefined ? { ...r, tag: 'latest' } : r)
}

/**
 * `docker ps` IMAGE: the reference the container was created with (`nginx`, `nginx:alpine`),
 * digests dropped; the 12-char ID when it was created from its ID. Pass the image ID instead of
 * the reference when the reference no longer resolves to the container's image (moby
 * daemon/list.go refreshImage does that swap). `--no-trunc` shows the text unchanged.
 */
export function psImageColumn(typed: string, imageId: string, noTrunc = false): string {
  if (typed === '') return '<no image>'
  if (noTrunc) return typed
  const short = (s: string): string => s.replace(/^sha256:/, '').slice(0, 12)
  if (short(typed) === short(imageId)) return short(imageId)
  const r = parseRef(typed)
  if (r === undefined) return typed
  const { digest: _digest, ...named } = r
  return familiarString(named)
}

/**
 * The container's command line as `docker ps` shows it before truncation: arguments that
 * contain a space are wrapped in single quotes (`/docker-entrypoint.sh nginx -g 'daemon off;'`).
 */
export function containerCommand(args: readonly string[]): string {
  const [path = '', ...rest] = args
  if (rest.length === 0) return path
  return `${path} ${rest.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`
}

/** Entrypoint + Cmd, the argv the container's first process gets. */
export function defaultArgs(c: ImageConfig): string[] {
  return [...(c.Entrypoint ?? []), ...(c.Cmd ?? [])]
}

function fmix32(x: number): number {
  let h = x >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** A fixed 256-bit digest of a reference (eight FNV-1a lanes, each finalised by fmix32). */
export function imageIdOf(ref: string): string {
  let out = ''
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b9)) >>> 0
    for (let i = 0; i < ref.length; i++) h = Math.imul(h ^ ref.charCodeAt(i), 0x01000193)
    out += fmix32(h + lane)
      .toString(16)
      .padStart(8, '0')
  }
  return `sha256:${out}`
}

function lookup(repository: string, tag: string): ImageSpec | undefined {
  const variant = VARIANTS[`${repository}:${tag}`]
  if (variant) return variant
  const base = CATALOGUE[repository]
  if (!base) return undefined
  // `redis:7-alpine`, `node:22-alpine3.20`, `python:alpine`: the same image on Alpine, whose
  // base has no curl (busybox's wget applet instead).
  const onAlpine = /(^|[-.])alpine/.test(tag)
  return onAlpine && base.userland === 'debian'
    ? { ...base, userland: 'busybox', shell: 'sh', tools: [] }
    : base
}

/** What the catalogue knows about a reference; unknown names get a generic Debian-like image. */
// resolveImage is pure and called for every container; a small memo keeps it off the profile.
const resolved = new Map<string, ImageInfo>()

export function resolveImage(ref: string): ImageInfo {
  const hit = resolved.get(ref)
  if (hit) return hit
  if (resolved.size >= 256) resolved.clear()
  const info = computeImage(ref)
  resolved.set(ref, info)
  return info
}

function computeImage(ref: string): ImageInfo {
  const parsed = parseRef(ref)
  const normalized = normalizeImageRef(ref)
  const repository = parsed ? familiarName(parsed) : ref
  const tag = parsed?.tag ?? (parsed?.digest === undefined ? 'latest' : '<none>')
  const found = lookup(repository, tag)
  const s = found ?? GENERIC
  return {
    ...s,
    ref: normalized,
    repository,
    tag,
    id: imageIdOf(normalized),
    known: found !== undefined,
    command: containerCommand(defaultArgs(s.config)),
  }
}
