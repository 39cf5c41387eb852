// `ls [-l] /var/run/docker/netns` and `/var/run/netns`: the bind mounts of network namespaces,
// Docker's (libnetwork osl: containers' sandbox keys, overlay networks' `1-<id10>`,
// `ingress_sbox`) and those of `ip netns add`. Each is an nsfs file: `-r--r--r-- 1 root root 0`.
// /run is the same directory as /var/run. Names are listed in byte order (LC_COLLATE=C.UTF-8).

import { allNetns, type Host } from '../../engine'

export type NetnsPath =
  | { readonly kind: 'dir'; readonly names: readonly string[] }
  | { readonly kind: 'file'; readonly name: string }

const DIRS = ['/var/run/docker/netns', '/var/run/netns']

/** What a path names among the namespace mounts, or undefined when it is not one of them. */
export function netnsPath(host: Host, path: string): NetnsPath | 'missing' | undefined {
  const full = path.replace(/^\/run(\/|$)/, '/var/run$1').replace(/\/+$/, '')
  const mounted = allNetns(host.kernel)
    .map((ns) => ns.path)
    .filter((p) => p !== '')
  for (const dir of DIRS) {
    if (full === dir) {
      const names = mounted
        .filter((p) => p.startsWith(`${dir}/`))
        .map((p) => p.slice(dir.length + 1))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      // Docker's directory exists from the daemon's start; iproute2's from the first `ip netns add`.
      if (names.length === 0 && dir === '/var/run/netns') return 'missing'
      return { kind: 'dir', names }
    }
    if (full.startsWith(`${dir}/`)) {
      return mounted.includes(full) ? { kind: 'file', name: path } : 'missing'
    }
  }
  return undefined
}

/** One entry as `ls -l` prints an nsfs file. */
export const nsfsLine = (stamp: string, name: string): string =>
  `-r--r--r-- 1 root root 0 ${stamp} ${name}\n`
