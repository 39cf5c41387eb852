// `docker swarm init | join | join-token | leave` on seed 002's three hosts: the texts of
// docker/cli v28.5.2 cli/command/swarm and the daemon's errors (research-7 §1–3).

import { describe, expect, it } from 'vitest'
import { hostId } from '../../../src/engine'
import { err, ok0, swarmLab, threeNodeSwarm } from './swarm-lab'

const NOT_MANAGER =
  'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n'
const WORKER =
  "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n"

describe('docker swarm init', () => {
  it('prints the node ID and the worker join command for the advertise address', () => {
    const lab = swarmLab()
    const r = lab.run('docker01', 'docker swarm init')
    const sw = lab.engine.world.swarm
    const node = sw?.nodes[0]
    expect(node?.id).toMatch(/^[0-9a-z]{25}$/)
    expect(r).toEqual(
      ok0(`Swarm initialized: current node (${node?.id}) is now a manager.

To add a worker to this swarm, run the following command:

    docker swarm join --token ${sw?.tokens.worker} 10.10.0.11:2377

To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.
`),
    )
  })

  it('takes --advertise-addr as an address or an interface', () => {
    const lab = swarmLab()
    expect(lab.run('docker01', 'docker swarm init --advertise-addr eth5')).toEqual(
      err('Error response from daemon: no such interface\n'),
    )
    expect(lab.run('docker01', 'docker swarm init --advertise-addr eth0').stdout).toContain(
      ' 10.10.0.11:2377\n',
    )
  })

  it('refuses a second init, and checks --availability before asking the daemon', () => {
    const lab = swarmLab()
    expect(lab.run('docker01', 'docker swarm init --availability foo')).toEqual(
      err('invalid availability "foo", only active, pause and drain are supported\n'),
    )
    lab.ok('docker01', 'docker swarm init')
    expect(lab.run('docker01', 'docker swarm init')).toEqual(
      err(
        'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n',
      ),
    )
  })

  it('accepts no arguments', () => {
    expect(swarmLab().run('docker01', 'docker swarm init now')).toEqual(
      err(`docker: 'docker swarm init' accepts no arguments

Usage:  docker swarm init [OPTIONS]

Run 'docker swarm init --help' for more information
`),
    )
  })
})

describe('docker swarm join', () => {
  it('joins as a worker or a manager, by the token', () => {
    const lab = swarmLab()
    lab.ok('docker01', 'docker swarm init')
    const tokens = lab.engine.world.swarm?.tokens
    expect(
      lab.run('docker02', `docker swarm join --token ${tokens?.worker} 10.10.0.11:2377`),
    ).toEqual(ok0('This node joined a swarm as a worker.\n'))
    expect(lab.run('docker03', `docker swarm join --token ${tokens?.manager} 10.10.0.11`)).toEqual(
      ok0('This node joined a swarm as a manager.\n'),
    )
  })

  it('answers a bad token, a wrong secret and a second join as the daemon does', () => {
    const lab = swarmLab()
    lab.ok('docker01', 'docker swarm init')
    const worker = lab.engine.world.swarm?.tokens.worker ?? ''
    expect(lab.run('docker02', 'docker swarm join --token SWMTKN-1-abc 10.10.0.11:2377')).toEqual(
      err('Error response from daemon: invalid join token\n'),
    )
    const wrong = `${worker.slice(0, -1)}${worker.endsWith('0') ? '1' : '0'}`
    expect(lab.run('docker02', `docker swarm join --token ${wrong} 10.10.0.11:2377`)).toEqual(
      err(
        'Error response from daemon: rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster\n',
      ),
    )
    expect(lab.run('docker01', `docker swarm join --token ${worker} 10.10.0.11:2377`)).toEqual(
      err(
        'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n',
      ),
    )
  })

  it('requires exactly one address', () => {
    expect(swarmLab().run('docker02', 'docker swarm join')).toEqual(
      err(`docker: 'docker swarm join' requires 1 argument

Usage:  docker swarm join [OPTIONS] HOST:PORT

Run 'docker swarm join --help' for more information
`),
    )
  })
})

describe('docker swarm join-token', () => {
  it('prints the join command with a trailing empty line, or the token alone with -q', () => {
    const lab = threeNodeSwarm()
    const tokens = lab.engine.world.swarm?.tokens
    expect(lab.run('docker01', 'docker swarm join-token manager')).toEqual(
      ok0(`To add a manager to this swarm, run the following command:

    docker swarm join --token ${tokens?.manager} 10.10.0.11:2377

`),
    )
    expect(lab.run('docker01', 'docker swarm join-token -q worker')).toEqual(
      ok0(`${tokens?.worker}\n`),
    )
    expect(tokens?.worker.slice(0, 59)).toBe(tokens?.manager.slice(0, 59))
  })

  it('checks the role first, then needs a manager', () => {
    const lab = threeNodeSwarm()
    expect(lab.run('docker01', 'docker swarm join-token foo')).toEqual(err('unknown role foo\n'))
    expect(lab.run('docker02', 'docker swarm join-token worker')).toEqual(err(WORKER))
    expect(swarmLab().run('docker01', 'docker swarm join-token worker')).toEqual(err(NOT_MANAGER))
  })
})

describe('docker swarm leave', () => {
  it('lets a worker leave, and holds the last manager back without --force', () => {
    const lab = threeNodeSwarm()
    expect(lab.run('docker02', 'docker swarm leave')).toEqual(ok0('Node left the swarm.\n'))
    expect(lab.run('docker02', 'docker swarm leave')).toEqual(
      err('Error response from daemon: This node is not part of a swarm\n'),
    )
    expect(lab.run('docker01', 'docker swarm leave')).toEqual(
      err(
        'Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message. \n',
      ),
    )
    expect(lab.run('docker01', 'docker swarm leave -f')).toEqual(ok0('Node left the swarm.\n'))
    expect(lab.engine.world.swarm).toBeUndefined()
  })

  it('warns a manager of two that the swarm loses its quorum', () => {
    const lab = swarmLab()
    lab.ok('docker01', 'docker swarm init')
    const manager = lab.engine.world.swarm?.tokens.manager
    lab.ok('docker02', `docker swarm join --token ${manager} 10.10.0.11:2377`)
    expect(lab.run('docker02', 'docker swarm leave').stderr).toBe(
      'Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves 1 managers out of 2. Without a Raft quorum your swarm will be inaccessible. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.\n',
    )
    expect(lab.run('docker02', 'docker swarm leave --force').exitCode).toBe(0)
    expect(lab.engine.world.swarm?.nodes.map((n) => n.host)).toEqual([hostId('docker01')])
  })
})

describe('docker swarm help', () => {
  const commands = (text: string): string[] =>
    text
      .split('\n')
      .filter((l) => /^ {2}[a-z]/.test(l))
      .map((l) => l.trim().split(/\s+/)[0] ?? '')

  it('hides what the node cannot use, as the CLI does with the daemon state', () => {
    const lab = swarmLab()
    expect(commands(lab.ok('docker01', 'docker swarm --help'))).toEqual(['init', 'join'])
    lab.ok('docker01', 'docker swarm init')
    const token = lab.engine.world.swarm?.tokens.worker
    lab.ok('docker02', `docker swarm join --token ${token} 10.10.0.11:2377`)
    expect(commands(lab.ok('docker02', 'docker swarm'))).toEqual(['init', 'join', 'leave'])
    expect(commands(lab.ok('docker01', 'docker swarm --help'))).toEqual([
      'ca',
      'init',
      'join',
      'join-token',
      'leave',
      'unlock',
      'unlock-key',
      'update',
    ])
  })

  it('prints the subcommands’ help from the real CLI', () => {
    expect(swarmLab().run('docker01', 'docker swarm leave --help')).toEqual(
      ok0(`Usage:  docker swarm leave [OPTIONS]

Leave the swarm

Options:
  -f, --force   Force this node to leave the swarm, ignoring warnings
`),
    )
    expect(swarmLab().ok('docker01', 'docker swarm join-token --help')).toBe(
      `Usage:  docker swarm join-token [OPTIONS] (worker|manager)

Manage join tokens

Options:
  -q, --quiet    Only display token
      --rotate   Rotate join token
`,
    )
  })

  it('answers unknown subcommands and flags as cobra does', () => {
    const lab = swarmLab()
    expect(lab.run('docker01', 'docker swarm foo')).toEqual(
      err(`docker: unknown command: docker swarm foo

Usage:  docker swarm

Run 'docker swarm --help' for more information
`),
    )
    expect(lab.run('docker01', 'docker swarm leave -x')).toEqual(
      err(
        `unknown shorthand flag: 'x' in -x

Usage:  docker swarm leave [OPTIONS]

Run 'docker swarm leave --help' for more information
`,
        125,
      ),
    )
  })
})
