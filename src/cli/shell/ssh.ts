// `ssh [user@]HOST [COMMAND…]` (OpenSSH 9.2, Debian 12) between the world's hosts: a login shell
// on the other host until `exit` (the prompt says where you are), or one command run there. Keys
// are taken as set up (no password prompt, no host-key question); the connection itself is not
// traced packet by packet.

import { formatIpv4, getNetns, INIT_NETNS, linksOf, type HostId, type World } from '../../engine'
import { fail } from '../output'
import type { Program } from '../program'

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-Q query_option]
           [-R address] [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
`

/** Options that take an argument (the next word), from ssh(1). */
const WITH_ARG = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''))

/** The host a name or address stands for: a hostname, an address of its NICs, or localhost. */
export function hostNamed(world: World, from: HostId, name: string): HostId | undefined {
  if (name === 'localhost' || name.startsWith('127.')) return from
  for (const host of Object.values(world.hosts)) {
    if (host.hostname === name) return host.id
    const links = linksOf(getNetns(host.kernel, INIT_NETNS))
    if (links.some((l) => l.addrs.some((a) => formatIpv4(a.cidr.addr) === name))) return host.id
  }
  return undefined
}

export const ssh: Program = (ctx, argv) => {
  let i = 0
  for (; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (!a.startsWith('-') || a === '-') break
    const flag = a.slice(1, 2)
    if (WITH_ARG.has(flag) && a.length === 2) i++
  }
  const destination = argv[i]
  if (destination === undefined) return fail(USAGE, 255)
  const name = destination.includes('@')
    ? destination.slice(destination.indexOf('@') + 1)
    : destination
  const host = hostNamed(ctx.engine.world, ctx.host, name)
  if (host === undefined)
    return fail(`ssh: Could not resolve hostname ${name}: Name or service not known\n`, 255)
  const command = argv.slice(i + 1)
  return ctx.shell.login(host, name, command.length ? command.join(' ') : undefined)
}
