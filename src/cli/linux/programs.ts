// The Linux programs of the shell (iproute2, iptables, bridge-utils, net-tools…), by name.

import type { Program } from '../program'

export const LINUX_PROGRAMS: Readonly<Record<string, Program>> = {}
