// The Linux programs of the shell (iproute2, iptables, bridge-utils, net-tools…), by name.

import type { Program } from '../program'
import { runBrctl } from './brctl'
import { runBridge } from './bridge'
import { runConntrack } from './conntrack'
import { runIfconfig } from './ifconfig'
import { runIp } from './ip'
import { runIptables } from './iptables'
import { runIptablesSave } from './iptables-save'
import { runIpvsadm } from './ipvsadm'
import { runNetstat } from './netstat'
import { runSs } from './ss'
import { runSysctl } from './sysctl'
import { runTrace } from '../trace'
import { runExportCommands } from '../export/program'
import { ping } from '../shell/ping'
import { nc } from '../shell/nc'
import { curl, wget } from '../shell/http/clients'
import { getent, nslookup } from '../shell/nslookup'

export const LINUX_PROGRAMS: Readonly<Record<string, Program>> = {
  ip: runIp,
  iptables: runIptables,
  'iptables-save': runIptablesSave,
  ipvsadm: runIpvsadm,
  conntrack: runConntrack,
  brctl: runBrctl,
  bridge: runBridge,
  ifconfig: runIfconfig,
  ss: runSs,
  netstat: runNetstat,
  sysctl: runSysctl,
  trace: runTrace,
  'export-commands': runExportCommands,
  ping,
  nc,
  nslookup,
  getent,
  curl,
  wget,
}
