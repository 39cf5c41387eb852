// What a command runs against: the engine and the host whose shell typed it.

import type { Engine, HostId } from '../engine'

export type CommandContext = {
  readonly engine: Engine
  readonly host: HostId
}
