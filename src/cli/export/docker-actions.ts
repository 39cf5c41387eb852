// The Docker commands a world's records stand for, reconstructed for the export's comments:
// `docker run --name web -p 8080:80 nginx`, `docker network create -d overlay vnet`.

import {
  formatCidr,
  getContainer,
  getNetwork,
  type Container,
  type Daemon,
  type Network,
  type PortBinding,
} from '../../engine'

function portFlag(b: PortBinding): string {
  const ip = b.hostIp === '' ? '' : `${b.hostIp}:`
  const range = b.hostPortEnd > b.hostPort ? `${b.hostPort}-${b.hostPortEnd}` : `${b.hostPort}`
  const host = b.hostPort === 0 ? (ip === '' ? '' : ip + ':') : `${ip}${range}:`
  const proto = b.proto === 'tcp' ? '' : `/${b.proto}`
  return `-p ${host}${b.containerPort}${proto}`
}

function networkFlag(d: Daemon, c: Container): string[] {
  const mode = c.networkMode
  switch (mode.kind) {
    case 'default':
      return []
    case 'host':
    case 'none':
      return [`--network ${mode.kind}`]
    case 'container':
      return [`--network container:${getContainer(d, mode.container)?.name ?? mode.container}`]
    case 'network':
      return [`--network ${mode.name}`]
  }
}

/** `docker run --name web --network front -p 8080:80 nginx`, or the service a task belongs to. */
export function runCommand(d: Daemon, c: Container): string {
  const task = c.labels['com.docker.swarm.task.name']
  const service = c.labels['com.docker.swarm.service.name']
  if (task !== undefined && service !== undefined) {
    return `docker service create --name ${service} ${c.image} (task ${task})`
  }
  const flags = [
    `--name ${c.name}`,
    ...networkFlag(d, c),
    ...(c.publishAll ? ['-P'] : []),
    ...c.portBindings.map(portFlag),
  ]
  return `docker run ${flags.join(' ')} ${c.image}`
}

/** `docker network connect NET NAME` for each network joined after the first. */
export function connectCommands(d: Daemon, c: Container): string[] {
  return c.attachments
    .slice(1)
    .map((a) => `docker network connect ${getNetwork(d, a.network)?.name ?? a.network} ${c.name}`)
}

/** `docker network create [-d DRIVER] [--internal] [--subnet S] [-o parent=P] NAME`. */
export function createCommand(n: Network): string {
  if (n.ingress) return 'docker swarm init / join: the ingress network'
  if (n.name === 'docker_gwbridge') return 'docker swarm init / join: docker_gwbridge'
  const flags = [
    ...(n.driver === 'bridge' ? [] : [`-d ${n.driver}`]),
    ...(n.internal ? ['--internal'] : []),
    ...(n.attachable && n.driver === 'overlay' ? ['--attachable'] : []),
    ...n.pools.filter((p) => p.userSubnet).map((p) => `--subnet ${formatCidr(p.subnet)}`),
    ...(n.lowerDev ? [`-o parent=${n.lowerDev.parent}`] : []),
  ]
  return ['docker network create', ...flags, n.name].join(' ')
}
