// `lab host add/rm/ls` and `lab help`: the lab's own commands, their exact output and errors, in
// the host shell, over ssh, and in the other terminals when a host goes away.

import { describe, expect, it } from 'vitest'
import { createSession } from '../../src/cli'
import { hostId } from '../../src/engine'
import { createTestLab } from '../helpers/lab'

const LS_HEADER = 'NAME      LAN       ADDRESS         SWARM ROLE\n'

describe('lab host add', () => {
  it('adds host2 at 10.10.0.12 on the LAN, then the next ones, and lists them', () => {
    const lab = createTestLab()
    expect(lab.run('lab host add')).toEqual({
      stdout: 'Added host2: eth0 10.10.0.12/24 on lan (ssh host2 to log in)\n',
      stderr: '',
      exitCode: 0,
    })
    expect(lab.run('lab host add db --ip 10.10.0.30/24').stdout).toBe(
      'Added db: eth0 10.10.0.30/24 on lan (ssh db to log in)\n',
    )
    expect(lab.run('lab host add --lan=lan web').stdout).toBe(
      'Added web: eth0 10.10.0.13/24 on lan (ssh web to log in)\n',
    )
    expect(lab.run('lab host ls')).toEqual({
      stdout:
        LS_HEADER +
        'host1     lan       10.10.0.11/24   -\n' +
        'host2     lan       10.10.0.12/24   -\n' +
        'db        lan       10.10.0.30/24   -\n' +
        'web       lan       10.10.0.13/24   -\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('makes a host host1 pings by name and reaches by ssh', () => {
    const lab = createTestLab()
    lab.run('lab host add')
    const ping = lab.run('ping -c 1 host2')
    expect(ping.exitCode).toBe(0)
    expect(ping.stdout).toMatch(/^PING host2 \(10\.10\.0\.12\) 56\(84\) bytes of data\.\n64 bytes/)
    expect(lab.run('ssh host2 hostname').stdout).toBe('host2\n')
    expect(lab.run('ssh host2 docker network ls --format {{.Name}}').stdout).toBe(
      'bridge\nhost\nnone\n',
    )
    expect(lab.run('getent hosts host2').stdout).toBe('10.10.0.12      host2\n')
  })

  it('says what is wrong: an unknown LAN, a taken name or address, an address outside the LAN', () => {
    const lab = createTestLab()
    lab.run('lab host add')
    const refused = (line: string) => {
      const r = lab.run(line)
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toBe('')
      return r.stderr
    }
    expect(refused('lab host add x --lan dmz')).toBe('lab: no LAN named dmz (LANs: lan)\n')
    expect(refused('lab host add host2')).toBe('lab: a host named host2 exists\n')
    expect(refused('lab host add host1')).toBe('lab: a host named host1 exists\n')
    expect(refused('lab host add --ip 10.10.0.12/24')).toBe("lab: 10.10.0.12 is already host2's\n")
    expect(refused('lab host add --ip 10.10.0.1')).toBe("lab: 10.10.0.1 is lan's router\n")
    expect(refused('lab host add --ip 10.20.0.5/24')).toBe(
      "lab: 10.20.0.5/24 is not in lan's 10.10.0.0/24\n",
    )
    expect(refused('lab host add --ip 10.10.0.5/16')).toBe(
      'lab: 10.10.0.5/16: lan is 10.10.0.0/24 (use 10.10.0.5/24)\n',
    )
    expect(refused('lab host add --ip nope')).toBe(
      'lab: "nope" is not an IPv4 address with a prefix length (like 10.10.0.11/24)\n',
    )
    expect(refused('lab host add web_1')).toBe(
      `lab: "web_1" is not a valid host name (letters, digits and '-', starting with a letter)\n`,
    )
    expect(lab.run('lab host ls').stdout.split('\n')).toHaveLength(4)
  })

  it('refuses a misuse with its usage hint, exit status 2', () => {
    const lab = createTestLab()
    const hint = "Run 'lab help' for usage.\n"
    expect(lab.run('lab host add --ip')).toEqual({
      stdout: '',
      stderr: `lab: flag needs an argument: --ip\n${hint}`,
      exitCode: 2,
    })
    expect(lab.run('lab host add -x').stderr).toBe(`lab: unknown flag: -x\n${hint}`)
    expect(lab.run('lab host add a b').stderr).toBe(
      `lab: "lab host add" takes one NAME at most, not also "b"\n${hint}`,
    )
    expect(lab.run('lab host rm').stderr).toBe(`lab: "lab host rm" needs a NAME\n${hint}`)
    expect(lab.run('lab host ls -a').stderr).toBe(`lab: "lab host ls" takes no arguments\n${hint}`)
    expect(lab.run('lab hosts').stderr).toBe(`lab: unknown command: hosts\n${hint}`)
    expect(lab.run('lab host mv').stderr).toBe(`lab: unknown command: host mv\n${hint}`)
    expect(lab.run('lab host')).toMatchObject({
      exitCode: 2,
      stderr: /^Usage: {2}lab host COMMAND/,
    })
    expect(lab.run('lab')).toMatchObject({ exitCode: 2, stderr: /^Usage: {2}lab COMMAND\n/ })
  })
})

describe('lab host rm', () => {
  it('removes a host: gone from the list, from /etc/hosts, from ssh', () => {
    const lab = createTestLab()
    lab.run('lab host add')
    lab.run('lab host add')
    expect(lab.run('lab host rm host2')).toEqual({
      stdout: 'Removed host2\n',
      stderr: '',
      exitCode: 0,
    })
    expect(lab.run('lab host ls').stdout).toBe(
      LS_HEADER + 'host1     lan       10.10.0.11/24   -\nhost3     lan       10.10.0.13/24   -\n',
    )
    expect(lab.run('grep 10.10 /etc/hosts').stdout).toBe('10.10.0.11\thost1\n10.10.0.13\thost3\n')
    expect(lab.run('ssh host2 hostname').stderr).toBe(
      'ssh: Could not resolve hostname host2: Name or service not known\n',
    )
  })

  it('refuses an unknown host, the terminal’s own host, a host it is logged in to', () => {
    const lab = createTestLab()
    lab.run('lab host add')
    expect(lab.run('lab host rm host9')).toEqual({
      stdout: '',
      stderr: 'lab: no host named host9\n',
      exitCode: 1,
    })
    expect(lab.run('lab host rm host1').stderr).toBe(
      'lab: this terminal runs on host1: it cannot be removed\n',
    )
    lab.run('ssh host2')
    expect(lab.run('lab host rm host2')).toEqual({
      stdout: '',
      stderr: 'lab: you are logged in to host2: exit first\n',
      exitCode: 1,
    })
    // It acts on the world from any host: host2 lists the world too.
    expect(lab.run('lab host ls').stdout).toContain('host2     lan       10.10.0.12/24   -\n')
    lab.run('exit')
    expect(lab.run('lab host rm host2').exitCode).toBe(0)
  })

  it('refuses a node of the swarm until it leaves, and shows swarm roles', () => {
    const lab = createTestLab()
    lab.run('lab host add')
    lab.run('docker swarm init --advertise-addr 10.10.0.11')
    const token = lab.run('docker swarm join-token -q worker').stdout.trim()
    expect(lab.run(`ssh host2 docker swarm join --token ${token} 10.10.0.11:2377`).exitCode).toBe(0)
    expect(lab.run('lab host ls').stdout).toBe(
      LS_HEADER +
        'host1     lan       10.10.0.11/24   manager\n' +
        'host2     lan       10.10.0.12/24   worker\n',
    )
    expect(lab.run('lab host rm host2').stderr).toBe(
      "lab: host2 is a swarm worker: run 'docker swarm leave' on it first\n",
    )
    lab.run('ssh host2 docker swarm leave')
    expect(lab.run('lab host rm host2').stdout).toBe('Removed host2\n')
  })

  it('closes another terminal’s ssh session to the removed host', () => {
    const lab = createTestLab()
    lab.run('lab host add')
    const other = createSession(lab.engine, hostId('host1'))
    other.run('ssh host2')
    expect(other.prompt()).toBe('root@host2:~# ')
    lab.run('lab host rm host2')
    expect(other.drain()).toBe(
      'Connection to host2 closed by remote host.\nConnection to host2 closed.\n',
    )
    expect(other.prompt()).toBe('root@host1:~# ')
    expect(other.run('hostname').stdout).toBe('host1\n')
  })

  it('stops the program another terminal ran on the removed host, and says so on its next line', () => {
    const lab = createTestLab()
    lab.run('lab host add')
    const other = createSession(lab.engine, hostId('host1'))
    other.run('ssh host2')
    other.run('nc -l 7000')
    expect(other.prompt()).toBe('')
    lab.run('lab host rm host2')
    expect(other.run('hostname')).toMatchObject({
      stdout: 'Connection to host2 closed by remote host.\nConnection to host2 closed.\nhost1\n',
      exitCode: 0,
    })
  })
})

describe('lab help and completion', () => {
  it('prints its help on stdout', () => {
    const lab = createTestLab()
    const help = lab.run('lab help')
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toContain('  host add [NAME] [--lan LAN] [--ip ADDR/LEN]\n')
    expect(help.stdout).toContain('  host rm NAME    Remove a host')
    expect(lab.run('lab --help').stdout).toBe(help.stdout)
  })

  it('is a host program only: not in a container', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name b busybox sleep 1000')
    expect(lab.run('docker exec b lab host ls').exitCode).not.toBe(0)
  })

  it('completes lab, its commands, LANs and host names', () => {
    const lab = createTestLab()
    lab.run('lab host add')
    expect(lab.complete('la', 2)).toEqual({ replacement: 'lab ', candidates: ['lab'] })
    expect(lab.complete('lab ', 4).candidates).toEqual(['help', 'host'])
    expect(lab.complete('lab host ', 9).candidates).toEqual(['add', 'ls', 'rm'])
    expect(lab.complete('lab host r', 10).replacement).toBe('lab host rm ')
    expect(lab.complete('lab host rm ', 12).candidates).toEqual(['host1', 'host2'])
    expect(lab.complete('lab host add --l', 16).replacement).toBe('lab host add --lan ')
    expect(lab.complete('lab host add --lan ', 19).replacement).toBe('lab host add --lan lan ')
  })
})
