// The world the app opens on: one Docker host right after installation, on a LAN whose router
// leads to the Internet. Hosts are data so that scenarios can describe others.

import type { HostSpec, WorldSpec } from '../engine'

export const DEFAULT_SEED = 1

/** 2026-01-01T00:00:00Z: when the default world's virtual clock starts. */
export const DEFAULT_EPOCH = 1767225600

export function defaultHost(hostname: string, address: string): HostSpec {
  return {
    hostname,
    nics: [{ name: 'eth0', segment: 'lan', address, mtu: 1500 }],
    routes: [{ to: 'default', via: '10.10.0.1', dev: 'eth0' }],
    resolvConf: 'nameserver 10.10.0.1\nsearch example.com\n',
    etcHosts: `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}.example.com\t${hostname}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
    daemon: { userlandProxy: true, mtu: 1500 },
  }
}

export const DEFAULT_WORLD: WorldSpec = {
  epoch: DEFAULT_EPOCH,
  segments: [{ name: 'lan', subnet: '10.10.0.0/24', gateway: '10.10.0.1', internet: true }],
  hosts: [defaultHost('host1', '10.10.0.11/24')],
}
