// `docker node ls` (docker/cli v28.5.2 cli/command/node/list.go, formatter.go): the tabwriter
// table with the ` *` marker, natural hostname order, Leader/Reachable, and the daemon's
// errors off a manager (research-7 §4).

import { describe, expect, it } from 'vitest'
import { err, ok0, swarmLab, threeNodeSwarm } from './swarm-lab'

describe('docker node ls', () => {
  it('lists the nodes sorted by hostname, the current one marked', () => {
    const lab = threeNodeSwarm()
    const [m, w2, w3] = lab.engine.world.swarm?.nodes.map((n) => n.id) ?? []
    expect(lab.run('docker01', 'docker node ls')).toEqual(
      ok0(`ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION
${m} *   docker01   Ready     Active         Leader           28.5.2
${w2}     docker02   Ready     Active                          28.5.2
${w3}     docker03   Ready     Active                          28.5.2
`),
    )
    expect(lab.run('docker01', 'docker node ls -q')).toEqual(ok0(`${m}\n${w2}\n${w3}\n`))
  })

  it('shows a second manager as Reachable and marks it on its own terminal', () => {
    const lab = swarmLab()
    lab.ok('docker01', 'docker swarm init')
    const token = lab.engine.world.swarm?.tokens.manager
    lab.ok('docker03', `docker swarm join --token ${token} 10.10.0.11:2377`)
    const [m, m3] = lab.engine.world.swarm?.nodes.map((n) => n.id) ?? []
    expect(lab.ok('docker03', 'docker node ls')).toBe(
      `ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION
${m}     docker01   Ready     Active         Leader           28.5.2
${m3} *   docker03   Ready     Active         Reachable        28.5.2
`,
    )
  })

  it('runs --format templates and filters', () => {
    const lab = threeNodeSwarm()
    expect(
      lab.ok('docker01', "docker node ls --format '{{.Hostname}}:{{.Self}}:{{.ManagerStatus}}'"),
    ).toBe('docker01:true:Leader\ndocker02:false:\ndocker03:false:\n')
    expect(lab.ok('docker01', 'docker node ls -f role=worker --format {{.Hostname}}')).toBe(
      'docker02\ndocker03\n',
    )
    expect(lab.run('docker01', 'docker node ls -f colour=red')).toEqual(
      err("Error response from daemon: invalid filter 'colour'\n"),
    )
  })

  it('needs a manager', () => {
    expect(swarmLab().run('docker01', 'docker node ls')).toEqual(
      err(
        'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
      ),
    )
    expect(threeNodeSwarm().run('docker02', 'docker node ls')).toEqual(
      err(
        "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n",
      ),
    )
  })
})

describe('docker node help', () => {
  it('prints the management command and its ls help', () => {
    const lab = swarmLab()
    expect(lab.run('docker01', 'docker node')).toEqual(
      ok0(`Usage:  docker node COMMAND

Manage Swarm nodes

Commands:
  demote      Demote one or more nodes from manager in the swarm
  inspect     Display detailed information on one or more nodes
  ls          List nodes in the swarm
  promote     Promote one or more nodes to manager in the swarm
  ps          List tasks running on one or more nodes, defaults to current node
  rm          Remove one or more nodes from the swarm
  update      Update a node

Run 'docker node COMMAND --help' for more information on a command.
`),
    )
    expect(lab.ok('docker01', 'docker node ls --help')).toMatch(
      /^Usage: {2}docker node ls \[OPTIONS\]\n\nList nodes in the swarm\n\nAliases:\n {2}docker node ls, docker node list\n/,
    )
  })

  it('refuses the other subcommands off a manager, as the daemon does', () => {
    expect(threeNodeSwarm().run('docker03', 'docker node inspect self').stderr).toMatch(
      /^Error response from daemon: This node is not a swarm manager\. Worker nodes/,
    )
  })
})
