// Who sends what a shell's program sends: the container the shell is in, a namespace entered
// with `ip netns exec` / `nsenter`, or the host itself.

import { INIT_NETNS, type TraceEndpoint } from '../../../engine'
import type { CommandContext } from '../../context'

export function senderOf(ctx: CommandContext): TraceEndpoint {
  if (ctx.container !== undefined)
    return { kind: 'container', host: ctx.host, container: ctx.container }
  if (ctx.netns !== INIT_NETNS) return { kind: 'netns', host: ctx.host, netns: ctx.netns }
  return { kind: 'host', host: ctx.host }
}
