// `docker service create | ls | ps | rm | scale | inspect` (docker/cli v28.5.2
// cli/command/service, research-7-services §1, §3.3, §7) on seed 002's three-node swarm: the
// ID and the condensed non-TTY convergence progress, the tabwriter tables, the inspect JSON,
// the daemon's errors off a manager, and the CLI's own flag errors.

import { describe, expect, it } from 'vitest'
import { complete } from '../../../src/cli/complete'
import { daemon, hostId, type SwarmService } from '../../../src/engine'
import { err, ok0, swarmLab, threeNodeSwarm, type SwarmLab } from './swarm-lab'

const NOT_IN_SWARM =
  'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n'
const WORKER =
  "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n"

/** What create and scale print while waiting (format/service.ts convergeProgress). */
function progress(ref: string, n: number, running: number): string {
  const slots = Array.from({ length: n }, (_, i) => `${i + 1}/${n}:  \n`).join('')
  const first = running === n ? '' : `overall progress: ${running} out of ${n} tasks\n`
  const verify = [5, 4, 3, 2, 1]
    .map((s) => `verify: Waiting ${s} seconds to verify that tasks are stable...\n`)
    .join('')
  return `overall progress: 0 out of ${n} tasks\n${slots}${first}overall progress: ${n} out of ${n} tasks\n${verify}verify: Service ${ref} converged\n`
}

function service(lab: SwarmLab, name: string): SwarmService {
  const s = daemon.findService(lab.engine.world, name)
  if (!s) throw new Error(`no service ${name}`)
  return s
}

/** A swarm with the overlay `vnet` and `web`: 3 replicas on it, 8080 published. */
function webLab(): SwarmLab {
  const lab = threeNodeSwarm()
  lab.ok('docker01', 'docker network create -d overlay vnet')
  lab.ok(
    'docker01',
    'docker service create -d --name web --replicas 3 --network vnet -p 8080:80 nginx',
  )
  return lab
}

describe('docker service create', () => {
  it('prints the service ID, then the progress until it converged', () => {
    const lab = threeNodeSwarm()
    lab.ok('docker01', 'docker network create -d overlay vnet')
    const r = lab.run(
      'docker01',
      'docker service create --name web --replicas 3 --network vnet -p 8080:80 nginx',
    )
    const id = service(lab, 'web').id
    expect(id).toMatch(/^[0-9a-z]{25}$/)
    expect(r).toEqual(ok0(`${id}\n${progress(id, 3, 0)}`))
    expect(r.stdout).toContain('1/3:  \n2/3:  \n3/3:  \noverall progress: 0 out of 3 tasks\n')
  })

  it('prints only the ID with -d or -q', () => {
    const lab = threeNodeSwarm()
    const d = lab.run('docker01', 'docker service create -d --name a nginx')
    expect(d).toEqual(ok0(`${service(lab, 'a').id}\n`))
    const q = lab.run('docker01', 'docker service create --quiet --name b busybox sleep 1d')
    expect(q).toEqual(ok0(`${service(lab, 'b').id}\n`))
    expect(service(lab, 'b').command).toEqual(['sleep', '1d'])
  })

  it('reads the long --publish syntax and the task command after the image', () => {
    const lab = threeNodeSwarm()
    lab.ok(
      'docker01',
      'docker service create -d --name dns -p published=5353,target=53,protocol=udp busybox nc -lu -p 53',
    )
    const s = service(lab, 'dns')
    expect(s.ports).toEqual([
      { protocol: 'udp', targetPort: 53, publishedPort: 5353, publishMode: 'ingress' },
    ])
    expect(s.command).toEqual(['nc', '-lu', '-p', '53'])
  })

  it('refuses bad flag values before asking the daemon', () => {
    const lab = threeNodeSwarm()
    const usage = `\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker service create --help' for more information\n`
    const flagErr = (value: string, flag: string, why: string) =>
      err(`invalid argument "${value}" for "${flag}" flag: ${why}${usage}`, 125)
    expect(lab.run('docker01', 'docker service create -p abc nginx')).toEqual(
      flagErr('abc', '-p, --publish', 'invalid containerPort: abc'),
    )
    expect(lab.run('docker01', 'docker service create -p 10.0.0.1:80:80 nginx')).toEqual(
      flagErr('10.0.0.1:80:80', '-p, --publish', 'hostip is not supported'),
    )
    expect(lab.run('docker01', 'docker service create -p published=8080 nginx')).toEqual(
      flagErr('published=8080', '-p, --publish', 'missing mandatory field "target"'),
    )
    expect(lab.run('docker01', 'docker service create -p target=80,proto=tcp nginx')).toEqual(
      flagErr('target=80,proto=tcp', '-p, --publish', 'invalid field key proto'),
    )
    expect(lab.run('docker01', 'docker service create --replicas two nginx')).toEqual(
      flagErr('two', '--replicas', 'strconv.ParseUint: parsing "two": invalid syntax'),
    )
    expect(lab.run('docker01', 'docker service create')).toEqual(
      err(
        "docker: 'docker service create' requires at least 1 argument\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker service create --help' for more information\n",
      ),
    )
  })

  it('answers with the daemon’s errors (research-7 §7)', () => {
    const lab = webLab()
    const web = service(lab, 'web')
    expect(lab.run('docker01', 'docker service create -d --name web nginx')).toEqual(
      err(
        'Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists\n',
      ),
    )
    expect(lab.run('docker01', 'docker service create -d --name web2 -p 8080:80 nginx')).toEqual(
      err(
        `Error response from daemon: rpc error: code = InvalidArgument desc = port '8080' is already in use by service 'web' (${web.id}) as an ingress port\n`,
      ),
    )
    expect(lab.run('docker01', 'docker service create -d --network nonet nginx')).toEqual(
      err('Error response from daemon: network nonet not found\n'),
    )
    expect(
      lab.run('docker01', 'docker service create -d --endpoint-mode dnsrr -p 9090:80 nginx'),
    ).toEqual(
      err(
        "Error response from daemon: rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode\n",
      ),
    )
    expect(lab.run('docker02', 'docker service create nginx')).toEqual(err(WORKER))
    expect(swarmLab().run('docker01', 'docker service create nginx')).toEqual(err(NOT_IN_SWARM))
  })
})

describe('docker service ls / ps', () => {
  it('lists the services, their replicas and ingress ports', () => {
    const lab = webLab()
    lab.ok('docker01', 'docker service create -d --name api --replicas 2 -p 80 redis')
    const web = service(lab, 'web')
    const api = service(lab, 'api')
    const apiPort = api.ports[0]?.publishedPort ?? 0
    expect(apiPort).toBeGreaterThanOrEqual(30000)
    expect(lab.run('docker01', 'docker service ls')).toEqual(
      ok0(`ID             NAME      MODE         REPLICAS   IMAGE          PORTS
${api.id.slice(0, 12)}   api       replicated   2/2        redis:latest   *:${apiPort}->80/tcp
${web.id.slice(0, 12)}   web       replicated   3/3        nginx:latest   *:8080->80/tcp
`),
    )
    expect(lab.run('docker01', 'docker service ls -q')).toEqual(
      ok0(`${api.id.slice(0, 12)}\n${web.id.slice(0, 12)}\n`),
    )
    expect(lab.ok('docker01', "docker service ls --format '{{.Name}} {{.Replicas}}'")).toBe(
      'api 2/2\nweb 3/3\n',
    )
    expect(lab.ok('docker01', 'docker service ls -f name=we --format {{.Name}}')).toBe('web\n')
    expect(lab.run('docker01', 'docker service ls -f colour=red')).toEqual(
      err("Error response from daemon: invalid filter 'colour'\n"),
    )
  })

  it('lists the tasks: slot names, nodes, states', () => {
    const lab = webLab()
    const web = service(lab, 'web')
    const now = lab.engine.world.clock
    const ago = (t: number): string => {
      const s = now - t
      return s < 1 ? 'less than a second' : s === 1 ? '1 second' : `${s} seconds`
    }
    const tasks = [...web.tasks].sort((a, b) => a.slot - b.slot)
    const states = tasks.map((t) => `Running ${ago(t.created)} ago`)
    const width = Math.max(13, ...states.map((s) => s.length)) + 3
    const rows = tasks.map((t, i) => {
      const node = lab.engine.world.hosts[t.node]?.hostname ?? ''
      return `${t.id.slice(0, 12)}   web.${t.slot}     nginx:latest   ${node}   Running         ${(states[i] ?? '').padEnd(width)}          \n`
    })
    expect(lab.run('docker01', 'docker service ps web')).toEqual(
      ok0(
        `ID             NAME      IMAGE          NODE       DESIRED STATE   ${'CURRENT STATE'.padEnd(width)}ERROR     PORTS\n${rows.join('')}`,
      ),
    )
    // Replicas spread over the three nodes.
    expect(new Set(web.tasks.map((t) => t.node)).size).toBe(3)
    expect(lab.run('docker01', 'docker service ps -q web')).toEqual(
      ok0(tasks.map((t) => `${t.id}\n`).join('')),
    )
    expect(lab.run('docker01', 'docker service ps web nosuch')).toMatchObject({
      stderr: 'no such service: nosuch\n',
      exitCode: 1,
    })
    expect(lab.run('docker01', 'docker service ps nosuch')).toEqual(
      err('no such service: nosuch\n'),
    )
  })

  it('needs a manager', () => {
    const lab = webLab()
    for (const line of ['docker service ls', 'docker service ps web', 'docker service rm web'])
      expect(lab.run('docker03', line)).toEqual(err(WORKER))
    expect(lab.run('docker02', 'docker service scale web=2')).toEqual(err(`web: ${WORKER}`))
    expect(lab.run('docker02', 'docker service inspect web')).toEqual({
      stdout: '[]\n',
      stderr: WORKER,
      exitCode: 1,
    })
    const alone = swarmLab()
    expect(alone.run('docker01', 'docker service ls')).toEqual(err(NOT_IN_SWARM))
    expect(alone.run('docker01', 'docker service logs web')).toEqual(err(NOT_IN_SWARM))
  })
})

describe('docker service scale / rm', () => {
  it('scales, then waits for the new tasks', () => {
    const lab = webLab()
    expect(lab.run('docker01', 'docker service scale web=5')).toEqual(
      ok0(`web scaled to 5\n${progress('web', 5, 3)}`),
    )
    expect(service(lab, 'web').tasks).toHaveLength(5)
    expect(lab.run('docker01', 'docker service scale -d web=2')).toEqual(ok0('web scaled to 2\n'))
    expect(lab.ok('docker01', 'docker service ls --format {{.Replicas}}')).toBe('2/2\n')
  })

  it('reports bad specifiers and missing services', () => {
    const lab = webLab()
    expect(lab.run('docker01', 'docker service scale web')).toEqual(
      err(
        "invalid scale specifier 'web'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n",
      ),
    )
    expect(lab.run('docker01', 'docker service scale -d web=x nosuch=1 web=1')).toEqual({
      stdout: 'web scaled to 1\n',
      stderr:
        'web: invalid replicas value x: strconv.ParseUint: parsing "x": invalid syntax\nnosuch: Error response from daemon: service nosuch not found\n',
      exitCode: 1,
    })
  })

  it('removes services, printing each name as given', () => {
    const lab = webLab()
    const id = service(lab, 'web').id
    expect(lab.run('docker01', `docker service rm ${id.slice(0, 6)} nosuch`)).toEqual({
      stdout: `${id.slice(0, 6)}\n`,
      stderr: 'Error response from daemon: service nosuch not found\n',
      exitCode: 1,
    })
    expect(lab.engine.world.swarm?.services ?? []).toHaveLength(0)
    expect(lab.ok('docker02', 'docker ps -q')).toBe('')
  })
})

describe('docker service inspect', () => {
  it('prints the spec and the allocated endpoint', () => {
    const lab = webLab()
    const web = service(lab, 'web')
    const vnet = daemon.clusterNetwork(lab.engine.world, 'vnet')
    const ingress = daemon.clusterNetwork(lab.engine.world, 'ingress')
    const [json] = JSON.parse(lab.ok('docker01', 'docker service inspect web')) as [
      Record<string, unknown>,
    ]
    expect(json['ID']).toBe(web.id)
    expect(json['Spec']).toMatchObject({
      Name: 'web',
      Labels: {},
      TaskTemplate: {
        ContainerSpec: { Image: 'nginx:latest', Init: false },
        Networks: [{ Target: vnet?.id }],
      },
      Mode: { Replicated: { Replicas: 3 } },
      EndpointSpec: { Mode: 'vip' },
    })
    const port = { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }
    expect(json['Endpoint']).toEqual({
      Spec: { Mode: 'vip', Ports: [port] },
      Ports: [port],
      VirtualIPs: [
        { NetworkID: ingress?.id, Addr: '10.0.0.5/24' },
        { NetworkID: vnet?.id, Addr: '10.0.1.2/24' },
      ],
    })
    expect(lab.ok('docker01', "docker service inspect -f '{{.Spec.Name}} {{.ID}}' web")).toBe(
      `web ${web.id}\n`,
    )
    expect(lab.ok('docker01', `docker inspect --format {{.Spec.Name}} ${web.id}`)).toBe('web\n')
    expect(lab.run('docker01', 'docker service inspect web nosuch')).toMatchObject({
      stderr: 'Error: no such service: nosuch\n',
      exitCode: 1,
    })
  })

  it('prints the human friendly form with --pretty', () => {
    const lab = webLab()
    const web = service(lab, 'web')
    expect(lab.run('docker01', 'docker service inspect --pretty web')).toEqual(
      ok0(`
ID:\t\t${web.id}
Name:\t\tweb
Service Mode:\tReplicated
 Replicas:\t3
Placement:
UpdateConfig:
 Parallelism:\t1
 On failure:\tpause
 Monitoring Period: 5s
 Max failure ratio: 0
 Update order:      stop-first
RollbackConfig:
 Parallelism:\t1
 On failure:\tpause
 Monitoring Period: 5s
 Max failure ratio: 0
 Rollback order:    stop-first
ContainerSpec:
 Image:\t\tnginx:latest
 Init:\t\tfalse
Resources:
Networks: vnet 
Endpoint Mode:\tvip
Ports:
 PublishedPort = 8080
  Protocol = tcp
  TargetPort = 80
  PublishMode = ingress 

`),
    )
    expect(lab.run('docker01', 'docker service inspect --pretty --format json web')).toEqual(
      err('--format is incompatible with human friendly format\n'),
    )
  })
})

describe('task containers on the nodes', () => {
  it('are ordinary containers named <service>.<slot>.<task id>', () => {
    const lab = webLab()
    const web = service(lab, 'web')
    const task = web.tasks.find((t) => t.node === hostId('docker02'))
    if (!task) throw new Error('no task on docker02')
    const names = lab.ok('docker02', "docker ps --format '{{.Names}}'")
    expect(names).toBe(`web.${task.slot}.${task.id}\n`)
    const ps = lab.ok('docker02', 'docker ps')
    expect(ps).toMatch(/^CONTAINER ID {3}IMAGE/)
    expect(ps).toContain(`web.${task.slot}.${task.id}`)
  })
})

describe('docker service help and completion', () => {
  it('prints the help of the real client', () => {
    const lab = swarmLab()
    expect(lab.ok('docker01', 'docker service --help')).toMatch(
      /^Usage: {2}docker service COMMAND\n\nManage Swarm services\n\nCommands:\n {2}create {6}Create a new service\n/,
    )
    expect(lab.ok('docker01', 'docker service create --help')).toMatch(
      /^Usage: {2}docker service create \[OPTIONS\] IMAGE \[COMMAND\] \[ARG\.\.\.\]\n\nCreate a new service\n/,
    )
    expect(lab.ok('docker01', 'docker service scale --help')).toBe(
      'Usage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n\nOptions:\n  -d, --detach   Exit immediately instead of waiting for the service to\n                 converge\n',
    )
  })

  it('completes subcommands, flags and service names', () => {
    const lab = webLab()
    const scope = { world: lab.engine.world, host: hostId('docker01'), programs: ['docker'] }
    const tab = (line: string) => complete(scope, line, line.length)
    expect(tab('docker service ').candidates).toEqual([
      'create',
      'inspect',
      'logs',
      'ls',
      'ps',
      'rm',
      'rollback',
      'scale',
      'update',
    ])
    expect(tab('docker service rm w').replacement).toBe('docker service rm web ')
    expect(tab('docker service scale w').replacement).toBe('docker service scale web=')
    expect(tab('docker service create --endpoint-mode d').replacement).toBe(
      'docker service create --endpoint-mode dnsrr ',
    )
    expect(tab('docker service create --network v').replacement).toBe(
      'docker service create --network vnet ',
    )
    expect(tab('docker service create --repl').replacement).toBe('docker service create --replicas')
  })
})
