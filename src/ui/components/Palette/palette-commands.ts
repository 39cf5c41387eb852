// What the palette's forms stand for: the `docker network create` and `docker run` (+ `docker
// network connect`) lines their fields make, quoted for a POSIX shell, and the check-then-run
// sequence that creates nothing unless Docker would accept the whole chain.

import type { Snapshot } from '../../../engine'
import { naturalCompare } from '../../../lib/natural-sort'
import { err, ok, type Result } from '../../../lib/result'
import type { ExecReply } from '../../../worker/protocol'

/** The "New network" form's fields, as typed. */
export type NetworkDraft = {
  readonly driver: 'bridge'
  readonly name: string
  readonly subnet: string
  readonly gateway: string
  readonly ipRange: string
  readonly internal: boolean
}

/** The "New container" form's fields, as typed. */
export type ContainerDraft = {
  readonly image: string
  readonly name: string
  /** Chosen networks in the order they were ticked: the first is `--network`, the rest connected. */
  readonly networks: readonly string[]
  /** Published ports, comma- or space-separated `-p` values. */
  readonly ports: string
  readonly ip: string
  /** The container's command; null while untouched (then the image's preset applies). */
  readonly command: string | null
}

export const EMPTY_NETWORK: NetworkDraft = {
  driver: 'bridge',
  name: '',
  subnet: '',
  gateway: '',
  ipRange: '',
  internal: false,
}

export const EMPTY_CONTAINER: ContainerDraft = {
  image: 'nginx',
  name: '',
  networks: ['bridge'],
  ports: '',
  ip: '',
  command: null,
}

/**
 * The images the engine's catalogue knows (src/engine/daemon/images.ts KNOWN_IMAGES, plus the
 * `nginx:alpine` variant), copied because the UI may import engine code as types only and the
 * CLI has no `docker images` to ask.
 */
export const KNOWN_IMAGES: readonly string[] = [
  'alpine',
  'busybox',
  'debian',
  'httpd',
  'mysql',
  'nginx',
  'nginx:alpine',
  'node',
  'postgres',
  'python',
  'redis',
  'traefik',
  'ubuntu',
]

// Images whose default command is a shell or a REPL: run detached without a TTY it exits at
// once, so the form proposes a command that keeps the container up (catalogue `daemon: false`).
const EXITING_IMAGES: ReadonlySet<string> = new Set([
  'alpine',
  'busybox',
  'debian',
  'node',
  'python',
  'ubuntu',
])

/** The command the form proposes for `image`: `sleep infinity` where the default would exit. */
export function presetCommand(image: string): string {
  // The repository without digest, tag or the default registry's prefix.
  const repo = (image.trim().split('@')[0] ?? '')
    .replace(/:[^/]*$/, '')
    .replace(/^(docker\.io\/)?(library\/)?/, '')
  return EXITING_IMAGES.has(repo) ? 'sleep infinity' : ''
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/

/** `word` as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word
  return `'${word.replaceAll("'", `'\\''`)}'`
}

const UNCLOSED = 'The command has an unclosed quote.'

/**
 * Splits a command typed in a field into words as a POSIX shell would (quotes, backslashes),
 * so that `sh -c 'a; b'` is one argument and nothing typed can add a command to the line.
 */
export function splitWords(text: string): Result<string[], string> {
  const words: string[] = []
  let word = ''
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) return err(UNCLOSED)
      word += text.slice(i + 1, end)
      inWord = true
      i = end
    } else if (c === '"') {
      let j = i + 1
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && ['"', '\\', '$', '`'].includes(text[j + 1] ?? '')) j++
        word += text[j]
      }
      if (j >= text.length) return err(UNCLOSED)
      inWord = true
      i = j
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i]
      inWord = true
    } else {
      word += c
      inWord = true
    }
  }
  if (inWord) words.push(word)
  return ok(words)
}

/** The `-p` values of a port list: `8080:80, 127.0.0.1:5353:53/udp` → two values. */
export function parsePorts(text: string): string[] {
  return text.split(/[\s,]+/).filter((p) => p !== '')
}

/** `docker network create [OPTIONS] NAME` for the form (bridge is the default driver). */
export function networkCommand(d: NetworkDraft): string {
  const words = ['docker', 'network', 'create']
  if (d.driver !== 'bridge') words.push('--driver', d.driver)
  const option = (flag: string, value: string): void => {
    if (value.trim() !== '') words.push(flag, shellQuote(value.trim()))
  }
  option('--subnet', d.subnet)
  option('--gateway', d.gateway)
  option('--ip-range', d.ipRange)
  if (d.internal) words.push('--internal')
  words.push(shellQuote(d.name.trim()))
  return words.join(' ')
}

/** A field the form refuses before asking Docker, and why. */
export type DraftError<F extends string> = { readonly field: F; readonly message: string }

export function networkDraftError(d: NetworkDraft): DraftError<'name'> | null {
  return d.name.trim() === '' ? { field: 'name', message: 'Enter a name for the network.' } : null
}

/** The command field's text, or the image's preset while the field is untouched. */
export function commandText(d: ContainerDraft): string {
  return d.command ?? presetCommand(d.image)
}

export function containerDraftError(
  d: ContainerDraft,
): DraftError<'image' | 'name' | 'networks' | 'command'> | null {
  if (d.image.trim() === '') return { field: 'image', message: 'Enter an image, e.g. nginx.' }
  if (d.networks.length === 0)
    return { field: 'networks', message: 'Choose at least one network (none for no network).' }
  if (d.networks.length > 1 && d.name.trim() === '')
    return {
      field: 'name',
      message: 'Name the container: docker network connect needs its name for the other networks.',
    }
  const words = splitWords(commandText(d))
  return words.ok ? null : { field: 'command', message: words.error }
}

/**
 * `docker run -d …` for the form, then one `docker network connect NET NAME` per further network.
 * The default bridge as the only/first network is left implicit, as one would type it.
 */
export function containerCommands(d: ContainerDraft): string[] {
  const name = d.name.trim()
  const [first, ...others] = d.networks
  const words = ['docker', 'run', '-d']
  if (name !== '') words.push('--name', shellQuote(name))
  if (first !== undefined && first !== 'bridge') words.push('--network', shellQuote(first))
  if (d.ip.trim() !== '') words.push('--ip', shellQuote(d.ip.trim()))
  for (const p of parsePorts(d.ports)) words.push('-p', shellQuote(p))
  words.push(shellQuote(d.image.trim()))
  const command = splitWords(commandText(d))
  if (command.ok) words.push(...command.value.map(shellQuote))
  const target = shellQuote(name === '' ? '<name>' : name)
  return [
    words.join(' '),
    ...others.map((n) => `docker network connect ${shellQuote(n)} ${target}`),
  ]
}

/** The host a shell prompt is on (`root@host1:~# ` → `host1`), empty if it shows none. */
export function promptHostname(prompt: string): string {
  return /^root@([^:]+):/.exec(prompt)?.[1] ?? ''
}

/** The networks of the host the terminal runs on (its hostname, else the first host), by name. */
export function hostNetworks(
  snapshot: Snapshot | null,
  hostname: string,
): { readonly name: string; readonly detail: string }[] {
  const records = Object.values(snapshot?.records ?? {})
  const hosts = records.flatMap((r) => (r.kind === 'host' ? [r] : []))
  const host =
    hosts.find((h) => h.hostname === hostname) ?? hosts.sort((a, b) => a.index - b.index)[0]
  return records
    .flatMap((r) => (r.kind === 'network' && r.host === host?.id ? [r] : []))
    .map((n) => ({
      name: n.name,
      detail:
        n.subnets.length > 0
          ? n.subnets.join(', ')
          : n.driver === 'null'
            ? 'no network'
            : `${n.driver} driver`,
    }))
    .sort((a, b) => naturalCompare(a.name, b.name))
}

/** The known images and those of existing containers, sorted, each once. */
export function imageChoices(snapshot: Snapshot | null): string[] {
  const used = Object.values(snapshot?.records ?? {}).flatMap((r) =>
    r.kind === 'container' ? [r.image] : [],
  )
  return [...new Set([...KNOWN_IMAGES, ...used])].sort(naturalCompare)
}

/** What to show for a failed command: Docker's stderr, else its output, else the exit status. */
export function failureText(reply: Pick<ExecReply, 'stdout' | 'stderr' | 'exitCode'>): string {
  return reply.stderr.trimEnd() || reply.stdout.trimEnd() || `exit status ${reply.exitCode}`
}

export type CommandRunner = {
  /** Runs a line on a throw-away copy of the world (nothing changes). */
  readonly query: (line: string) => Promise<ExecReply>
  /** Runs a line for real, echoed in a terminal. */
  readonly run: (line: string) => Promise<ExecReply>
}

/**
 * Dry-runs the lines as one `&&` chain (later lines see the earlier ones' effects), and only if
 * Docker accepts all of them runs each for real, stopping at the first failure. Resolves with
 * the error to show, or null when everything ran.
 */
export async function applyCommands(
  lines: readonly string[],
  runner: CommandRunner,
): Promise<string | null> {
  const dry = await runner.query(lines.join(' && '))
  if (dry.exitCode !== 0) return failureText(dry)
  for (const line of lines) {
    const reply = await runner.run(line)
    if (reply.exitCode !== 0) return failureText(reply)
  }
  return null
}
