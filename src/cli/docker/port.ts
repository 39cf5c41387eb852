// `docker port CONTAINER [PRIVATE_PORT[/PROTO]]` (docker/cli v28.5.2
// cli/command/container/port.go): the container's published ports from its inspect data.

import { containerPortMap } from '../format/inspect-ports'
import { formatPort } from '../format/port'
import { fail, out } from '../output'
import { usageError, type DockerCommand } from './command'
import { lookupContainer } from './inspect'

function portLike(path: string): DockerCommand {
  const usage = `${path} CONTAINER [PRIVATE_PORT[/PROTO]]`
  return {
    path,
    usage,
    flags: [],
    // cli.RequiresRangeArgs(1, 2)
    args: { kind: 'any' },
    run: (ctx, p) => {
      const [ref, spec] = p.args
      if (ref === undefined || p.args.length > 2) {
        const msg = `docker: '${path}' requires at least 1 and at most 2 arguments`
        return fail(usageError({ path, usage }, msg), 1)
      }
      const host = ctx.engine.world.hosts[ctx.host]
      if (!host) return fail(`Error response from daemon: No such container: ${ref}\n`, 1)
      const c = lookupContainer(host, ref)
      if (!c.ok) return fail(`Error response from daemon: ${c.error.message}\n`, 1)
      const text = formatPort(containerPortMap(host, c.value), ref, spec)
      return text.ok ? out(text.value) : fail(`${text.error}\n`, 1)
    },
  }
}

export const portCommand = portLike('docker port')

/** `docker container port`: the same command under its long name. */
export const containerPortCommand = portLike('docker container port')
