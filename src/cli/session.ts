// A root shell on a host of the world, and the shells nested in it (`docker exec -it C sh`,
// `docker run -it IMAGE sh`): splits a line into words, runs the program where the current shell
// is, and returns what the terminal shows. The REPL, the worker and the tests all drive the
// engine through it.

import {
  daemon,
  getContainer,
  INIT_NETNS,
  type Engine,
  type HostId,
  type NetnsId,
  type Trace,
} from '../engine'
import { complete, type Completion } from './complete'
import type { CommandContext, ForegroundJob, ShellControl, Userland } from './context'
import { runDocker } from './docker/docker'
import { runLab } from './lab'
import { LINUX_PROGRAMS } from './linux/programs'
import { fail, out, withTraces, type CommandOutput } from './output'
import type { Program } from './program'
import { BUILTINS } from './shell/builtins'
import { sudo } from './shell/sudo'
import { ssh } from './shell/ssh'
import { unshare } from './shell/unshare'
import { nsenter } from './shell/nsenter'
import { ls } from './shell/ls'
import { parseCommandLine } from './shell/command-line'
import { rememberLine, runHistory, type HistoryFlavor } from './shell/history'

/** Where a shell runs: the host, or inside a container; each shell has its own history. */
type Frame =
  | {
      readonly kind: 'host'
      readonly host: HostId
      readonly history: string[]
      /** The name bash read at its start (its prompt keeps it, as bash's \h does). */
      readonly promptName?: string
      /** A UTS namespace of its own (`unshare -u bash`), with its host name and shell's pid. */
      readonly uts?: { name: string; readonly pid: number }
      /** A login shell over `ssh`: the name it was reached by. */
      readonly ssh?: string
    }
  | {
      readonly kind: 'container'
      readonly host: HostId
      readonly container: string
      readonly shell: string
      /** The shell is the container's main process: `exit` stops the container. */
      readonly main: boolean
      readonly history: string[]
    }

const HOST_PROGRAMS: Readonly<Record<string, Program>> = {
  ...BUILTINS,
  ...LINUX_PROGRAMS,
  docker: runDocker,
  sudo,
  unshare,
  nsenter,
  ls,
  ssh,
  // The simulator's own commands (it changes the world, not the host): see lab.ts.
  lab: runLab,
}

/** Applets busybox (busybox, alpine images) provides, of the programs the simulator knows. */
const BUSYBOX_APPLETS = new Set([
  ...Object.keys(BUILTINS),
  'ip',
  'ifconfig',
  'route',
  'netstat',
  'ping',
  'nc',
  'wget',
  'nslookup',
  'arp',
  'traceroute',
])

/** `tools`: the programs the container's image ships besides its base (ImageInfo.tools). */
function programsFor(
  userland: Userland,
  tools: readonly string[] = [],
): (name: string) => Program | undefined {
  if (userland === 'host') return (name) => HOST_PROGRAMS[name]
  if (userland === 'busybox')
    return (name) =>
      BUSYBOX_APPLETS.has(name) || tools.includes(name) ? HOST_PROGRAMS[name] : undefined
  return (name) =>
    BUILTINS[name] ??
    (DEBIAN_BASE.has(name) || tools.includes(name) ? HOST_PROGRAMS[name] : undefined)
}

/** Programs every Debian-based image has (libc-bin's getent), of those the simulator knows. */
const DEBIAN_BASE = new Set(['getent'])

export interface Session {
  /** Runs one command line in the current shell. */
  run(line: string): CommandOutput
  /** The prompt the terminal shows before the next line, e.g. `root@host1:~# ` or `/ # `. */
  prompt(): string
  /** Tab completion of `line` at `cursor` in the current shell. */
  complete(line: string, cursor: number): Completion
  /** Ctrl-C: stops the program holding the terminal (ShellControl.foreground), if any. */
  interrupt(): CommandOutput
  /**
   * What the foreground program printed since the last call because of something done
   * elsewhere (an `nc` server receiving a client's line); empty when nothing or none runs.
   */
  drain(): string
  /** The terminal closes (a tab is closed): its foreground program is stopped. */
  close(): void
  /** A second passes (the app's terminal ticks while `ticking()`): what the program printed. */
  tick(): string
  /** Whether the program holding the terminal keeps time (`ping` without `-c`). */
  ticking(): boolean
}

/** Inodes of UTS namespaces made by `unshare -u`: after the boot-time ones (4026531838…). */
const UTS_BASE = 4026532000

export type SessionOptions = {
  /** The terminal sends ticks (ShellControl.ticks); default false, as in the REPL and tests. */
  readonly ticks?: boolean
}

export function createSession(engine: Engine, host: HostId, options: SessionOptions = {}): Session {
  const frames: Frame[] = [{ kind: 'host', host, history: [] }]
  let job: ForegroundJob | undefined
  const top = (): Frame => frames[frames.length - 1] ?? { kind: 'host', host, history: [] }

  const userlandOf = (h: HostId, containerId: string): Userland => {
    const c = getContainer(engine.world.hosts[h]?.daemon, containerId)
    return c ? daemon.resolveImage(c.image).userland : 'debian'
  }

  const programsOf = (ctx: CommandContext): ((name: string) => Program | undefined) => {
    const c =
      ctx.container === undefined
        ? undefined
        : getContainer(engine.world.hosts[ctx.host]?.daemon, ctx.container)
    return programsFor(ctx.userland, c ? daemon.resolveImage(c.image).tools : [])
  }

  const netnsOf = (h: HostId, containerId: string): NetnsId | undefined => {
    const d = engine.world.hosts[h]?.daemon
    const c = getContainer(d, containerId)
    return d && c ? daemon.containerNetns(d, c) : undefined
  }

  /** Whose `history` builtin the shell has: bash's, ash's (busybox), or none (Debian's dash). */
  const historyOf = (frame: Frame): HistoryFlavor | undefined => {
    if (frame.kind === 'host' || frame.shell === 'bash') return 'bash'
    return userlandOf(frame.host, frame.container) === 'busybox' ? 'ash' : undefined
  }

  const contextFor = (frame: Frame): CommandContext => {
    if (frame.kind === 'host')
      return {
        engine,
        host: frame.host,
        netns: INIT_NETNS,
        userland: 'host',
        shell: control,
        ...(frame.uts ? { uts: frame.uts.name } : {}),
      }
    return {
      engine,
      host: frame.host,
      netns: netnsOf(frame.host, frame.container) ?? INIT_NETNS,
      container: frame.container,
      userland: userlandOf(frame.host, frame.container),
      shell: control,
    }
  }

  const notFound = (userland: Userland, shell: string, name: string): CommandOutput =>
    userland === 'busybox'
      ? fail(`${shell}: ${name}: not found\n`, 127)
      : fail(`bash: ${name}: command not found\n`, 127)

  const runArgv = (ctx: CommandContext, argv: readonly string[], shell: string): CommandOutput => {
    const [name, ...args] = argv
    if (name === undefined) return out('')
    const runs = programsOf(ctx)
    const program = runs(name) ?? runs(name.split('/').pop() ?? name)
    if (!program) return notFound(ctx.userland, shell, name)
    return program(ctx, args)
  }

  const control: ShellControl = {
    execIn(containerId, argv) {
      const frame: Frame = {
        kind: 'container',
        host: top().host,
        container: containerId,
        shell: 'sh',
        main: false,
        history: [],
      }
      const ctx = contextFor(frame)
      if (ctx.userland !== 'busybox' && argv[0] !== undefined && !programsOf(ctx)(argv[0])) {
        // OCI runtime error for a program the image does not have.
        return fail(
          `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`,
          127,
        )
      }
      return runArgv(ctx, argv, 'sh')
    },
    foreground(j) {
      job = j
    },
    unshareUts() {
      const frame = top()
      const name =
        frame.kind === 'host' && frame.uts
          ? frame.uts.name
          : (engine.world.hosts[frame.host]?.hostname ?? frame.host)
      // The new shell is a process with a UTS namespace of its own (what /proc/PID/ns shows).
      const started = engine.transact((tx) => {
        const pid = tx.host(frame.host).kernel.nextPid
        const process = {
          pid,
          name: 'bash',
          args: ['/bin/bash'],
          netns: INIT_NETNS,
          uts: UTS_BASE + pid,
        }
        tx.apply({ kind: 'proc.start', host: frame.host, process })
        return { ok: true, value: pid }
      })
      const pid = started.ok ? started.value : 0
      frames.push({
        kind: 'host',
        host: frame.host,
        history: [],
        promptName: name,
        uts: { name, pid },
      })
    },
    setHostname(ctx, name) {
      const frame = top()
      if (frame.kind === 'host' && frame.uts) frame.uts.name = name
      else
        engine.transact((tx) => {
          tx.setHostname(ctx.host, name)
          return { ok: true, value: undefined }
        })
    },
    ticks: options.ticks ?? false,
    hosts: () => [...new Set(frames.map((f) => f.host))],
    login(host, as, command) {
      const depth = frames.length
      frames.push({ kind: 'host', host, history: [], ssh: as })
      if (command === undefined) return out(motd(engine.world.hosts[host]?.hostname ?? as))
      // `ssh HOST CMD`: no login shell, the command runs there and the connection ends.
      const ran = session.run(command)
      frames.splice(depth)
      return ran
    },
    enter(containerId, shell, main) {
      frames.push({
        kind: 'container',
        host: top().host,
        container: containerId,
        shell,
        main,
        history: [],
      })
    },
    runProgram(ctx, argv) {
      const [name, ...args] = argv
      const runs = programsOf(ctx)
      const program = name && (runs(name) ?? runs(name.split('/').pop() ?? name))
      return program ? program(ctx, args) : undefined
    },
  }

  /**
   * The shells on a host removed from the world (`lab host rm` in another terminal) end: its ssh
   * connection drops, and the program holding the terminal there is gone. Returns what ssh prints.
   */
  const dropGone = (): string => {
    let text = ''
    while (frames.length > 1 && !engine.world.hosts[top().host]) {
      const gone = frames.pop()
      if (gone?.kind === 'host' && gone.ssh !== undefined)
        text += `Connection to ${gone.ssh} closed by remote host.\nConnection to ${gone.ssh} closed.\n`
      // Its program went with the machine: nothing there to stop.
      job = undefined
    }
    return text
  }

  const drainJob = (): string => {
    if (!job) return ''
    const { text, ended } = job.read()
    if (ended) job = undefined
    return text
  }

  const leave = (frame: Frame & { kind: 'container' }, code: number): void => {
    frames.pop()
    if (!frame.main) return
    engine.transact((ctx) => {
      const stopped = daemon.stopContainer(ctx, frame.host, frame.container, code)
      if (!stopped.ok || !stopped.value.autoRemove) return stopped
      return daemon.removeContainer(ctx, frame.host, frame.container, true)
    })
  }

  /** Runs `a | b | c`: each command's output is the next one's input; the last one's status wins. */
  const runPipeline = (pipeline: readonly (readonly string[])[]): CommandOutput => {
    let stdin: string | undefined
    let stderr = ''
    let traces: Trace[] = []
    let last: CommandOutput = out('')
    for (const argv of pipeline) {
      const frame = top()
      const [name] = argv
      if (name === 'exit' && pipeline.length === 1) {
        if (frame.kind === 'container') leave(frame, Number(argv[1] ?? 0) || 0)
        if (frame.kind === 'host' && frame.ssh !== undefined && frames.length > 1) {
          frames.pop()
          return { stdout: 'logout\n', stderr: `Connection to ${frame.ssh} closed.\n`, exitCode: 0 }
        }
        if (frame.kind === 'host' && frame.uts && frames.length > 1) {
          const { pid } = frame.uts
          frames.pop()
          engine.transact((tx) => {
            tx.apply({ kind: 'proc.stop', host: frame.host, pid })
            return { ok: true, value: undefined }
          })
          return out('exit\n')
        }
        return out(frame.kind === 'host' ? 'logout\n' : '')
      }
      const base = contextFor(frame)
      const ctx = stdin === undefined ? base : { ...base, stdin }
      const flavor = historyOf(frame)
      last =
        name === 'history' && flavor
          ? runHistory(frame.history, argv.slice(1), flavor)
          : runArgv(ctx, argv, frame.kind === 'container' ? frame.shell : 'bash')
      stdin = last.stdout
      stderr += last.stderr
      traces = [...traces, ...(last.traces ?? [])]
    }
    return withTraces({ stdout: last.stdout, stderr, exitCode: last.exitCode }, traces)
  }

  const session: Session = {
    run(line) {
      const dropped = dropGone()
      if (dropped !== '') {
        const r = this.run(line)
        return { ...r, stdout: dropped + r.stdout }
      }
      // What a program that ended meanwhile printed last comes before the new line's output.
      const ended = job && !job.alive() ? drainJob() : ''
      if (job) {
        job.input(line)
        return out(drainJob())
      }
      if (ended !== '') {
        const r = this.run(line)
        return { ...r, stdout: ended + r.stdout }
      }
      const frame = top()
      const shell = frame.kind === 'container' ? frame.shell : 'bash'
      rememberLine(frame.history, line, historyOf(frame) ?? 'bash')
      const steps = parseCommandLine(line)
      if (!steps.ok) return fail(`${frame.kind === 'host' ? 'bash' : shell}: ${steps.error}\n`, 2)
      if (frame.kind === 'container') {
        // The container may have stopped under the shell (docker stop from elsewhere).
        const c = getContainer(engine.world.hosts[frame.host]?.daemon, frame.container)
        if (!c || c.status !== 'running') {
          frames.pop()
          return out('')
        }
      }
      let stdout = ''
      let stderr = ''
      let exitCode = 0
      let traces: Trace[] = []
      for (const step of steps.value) {
        if ((step.join === '&&' && exitCode !== 0) || (step.join === '||' && exitCode === 0))
          continue
        const r = runPipeline(step.pipeline)
        stdout += r.stdout
        stderr += r.stderr
        exitCode = r.exitCode
        traces = [...traces, ...(r.traces ?? [])]
      }
      // A program that took the terminal (`nc -l`, `ping`) may have printed already.
      stdout += drainJob()
      return withTraces({ stdout, stderr, exitCode }, traces)
    },
    prompt() {
      if (job?.alive()) return ''
      const frame = top()
      if (frame.kind === 'host')
        return `root@${frame.promptName ?? engine.world.hosts[frame.host]?.hostname ?? frame.host}:~# `
      if (userlandOf(frame.host, frame.container) === 'busybox') return '/ # '
      const c = getContainer(engine.world.hosts[frame.host]?.daemon, frame.container)
      return `root@${c?.hostname ?? frame.container.slice(0, 12)}:/# `
    },
    interrupt() {
      if (!job) return out('')
      const stopped = job
      const before = drainJob()
      job = undefined
      return { stdout: before + stopped.stop(), stderr: '', exitCode: 130 }
    },
    drain: () => dropGone() + drainJob(),
    tick() {
      const dropped = dropGone()
      job?.tick?.()
      return dropped + drainJob()
    },
    ticking: () => job?.tick !== undefined && job.alive(),
    close() {
      job?.stop()
      job = undefined
      // The shells of `unshare -u` end with their terminal (bash gets SIGHUP).
      const shells = frames.flatMap((f) => (f.kind === 'host' && f.uts ? [f.uts.pid] : []))
      if (shells.length)
        engine.transact((tx) => {
          for (const pid of shells) tx.apply({ kind: 'proc.stop', host, pid })
          return { ok: true, value: undefined }
        })
      frames.splice(1)
    },
    complete(line, cursor) {
      dropGone()
      const frame = top()
      const runs = programsOf(contextFor(frame))
      const programs = Object.keys(HOST_PROGRAMS).filter((name) => runs(name))
      const builtins = historyOf(frame) ? ['exit', 'history'] : ['exit']
      // `clear` is a program everywhere (ncurses, busybox); the app's terminal also answers it.
      const names = [...new Set([...programs, ...builtins, 'clear'])]
      return complete({ world: engine.world, host: frame.host, programs: names }, line, cursor)
    },
  }
  return session
}

/**
 * What a Debian 12 host prints at an ssh login (/etc/motd and the kernel line of
 * /etc/update-motd.d/10-uname), with the kernel the simulated hosts report.
 */
function motd(hostname: string): string {
  return [
    `Linux ${hostname} 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64`,
    '',
    'The programs included with the Debian GNU/Linux system are free software;',
    'the exact distribution terms for each program are described in the',
    'individual files in /usr/share/doc/*/copyright.',
    '',
    'Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY, to the extent',
    'permitted by applicable law.',
    '',
  ].join('\n')
}
