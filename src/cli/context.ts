// What a command runs against: the engine, the host, and where on it the shell runs.

import type { Engine, HostId, NetnsId } from '../engine'

/** Which userland answers: the host's (iproute2, net-tools), busybox applets or Debian tools. */
export type Userland = 'host' | 'busybox' | 'debian'

export type CommandContext = {
  readonly engine: Engine
  readonly host: HostId
  /** The network namespace the shell runs in: the host's own, or a container's. */
  readonly netns: NetnsId
  /** Inside a container shell: the container's ID. */
  readonly container?: string
  readonly userland: Userland
}
