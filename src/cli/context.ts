// What a command runs against: the engine, the host, where on it the shell runs, and the shell
// itself (for commands that run programs in containers or open nested shells).

import type { Engine, HostId, NetnsId } from '../engine'
import type { CommandOutput } from './output'

/** Which userland answers: the host's (iproute2, net-tools), busybox applets or Debian tools. */
export type Userland = 'host' | 'busybox' | 'debian'

export interface ShellControl {
  /** Runs a command line inside a running container (`docker exec`, a one-shot `docker run`). */
  execIn(containerId: string, argv: readonly string[]): CommandOutput
  /**
   * Opens an interactive shell inside a running container (`docker exec -it C sh`,
   * `docker run -it IMAGE sh`); `main`: the shell is the container's main process, so leaving
   * it stops the container.
   */
  enter(containerId: string, shell: string, main: boolean): void
  /**
   * Hands the terminal to a program that keeps running after the command returns (`nc -l`,
   * an `nc` client): the next lines are its input, until it ends or Ctrl-C stops it.
   */
  foreground(job: ForegroundJob): void
  /** `unshare -u SHELL`: a root shell in a new UTS namespace (its own host name) until `exit`. */
  unshareUts(): void
  /**
   * `ssh HOST`: a login shell on another host of the world until `exit` (`as`: the name typed,
   * which ssh's goodbye repeats); with `command`, runs that line there and comes back.
   */
  login(host: HostId, as: string, command?: string): CommandOutput
  /**
   * The hosts this terminal's shells are on: the one it opened on, then those reached by `ssh`
   * (`lab host rm` refuses them). Absent: only the command's own host.
   */
  hosts?(): readonly HostId[]
  /** `hostname NAME` as root: the UTS namespace the shell is in gets the name. */
  setHostname(ctx: CommandContext, name: string): void
  /**
   * Whether the terminal gives a held program the passing of time (a tick a second: the app's
   * terminal does, the REPL and tests do not). `ping` without `-c` streams when it does.
   */
  readonly ticks: boolean
  /**
   * Runs a program of `ctx`'s userland where `ctx` says (`ip netns exec NS CMD…` runs the
   * host's programs in another namespace); undefined when there is no such program.
   */
  runProgram(ctx: CommandContext, argv: readonly string[]): CommandOutput | undefined
}

/** A program holding the terminal (see ShellControl.foreground). */
export interface ForegroundJob {
  /** A line typed while it runs: its standard input. */
  input(line: string): void
  /** What it printed since the last call, and whether it has ended (then it is dropped). */
  read(): { readonly text: string; readonly ended: boolean }
  /** Ctrl-C, or the terminal closing: the program is stopped; returns what it prints then. */
  stop(): string
  /** One second passes (only for programs that keep time, like `ping`). */
  tick?(): void
  /** Whether it still runs (it may end because of something done elsewhere: its peer left). */
  alive(): boolean
}

export type CommandContext = {
  readonly engine: Engine
  readonly host: HostId
  /** The network namespace the shell runs in: the host's own, or a container's. */
  readonly netns: NetnsId
  /** Inside a container shell: the container's ID. */
  readonly container?: string
  readonly userland: Userland
  readonly shell: ShellControl
  /** The host name of the shell's own UTS namespace, when `unshare -u` made one. */
  readonly uts?: string
  /** What the previous command of a pipeline printed (`ip addr | grep veth`). */
  readonly stdin?: string
}
