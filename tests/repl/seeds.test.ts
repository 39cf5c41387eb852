// The single-host walkthroughs of the source articles (../shared/seeds), replayed command by
// command; outputs compared with what the articles show, IDs, MACs and times aside. Where an
// article shows an older Docker, the expectation is Docker 28's (noted inline).

import { describe, expect, it } from 'vitest'
import { createSession } from '../../src/cli'
import { hostId } from '../../src/engine'
import { createTestLab } from '../helpers/lab'

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '')

describe('seed 003: the three default networks and the drivers', () => {
  it('docker network ls lists bridge, host and none (CLI 20.10+ column widths)', () => {
    const lab = createTestLab()
    const out = lines(lab.run('docker network ls').stdout)
    expect(out[0]).toBe('NETWORK ID     NAME      DRIVER    SCOPE')
    expect(out.slice(1).map((l) => l.replace(/^[0-9a-f]{12}/, 'ID'))).toEqual([
      'ID   bridge    bridge    local',
      'ID   host      host      local',
      'ID   none      null      local',
    ])
  })

  it('names resolve on a user-defined bridge, not on the default bridge', () => {
    const lab = createTestLab()
    lab.run('docker network create my-net')
    lab.run('docker run -dit --name alpine1 --network my-net alpine ash')
    lab.run('docker run -dit --name alpine2 --network my-net alpine ash')
    lab.run('docker run -dit --name alpine3 alpine ash')
    expect(lab.run('docker exec alpine1 cat /etc/resolv.conf').stdout).toContain(
      'nameserver 127.0.0.11\n',
    )
    expect(lab.run('docker exec alpine3 cat /etc/resolv.conf').stdout).toContain(
      'nameserver 10.10.0.1\n',
    )
  })
})

describe('seed 001: docker0, veth pairs and the NAT rules', () => {
  it('shows docker0 DOWN with no ports on a fresh host', () => {
    const lab = createTestLab()
    expect(lines(lab.run('ip addr show | grep docker').stdout)).toEqual([
      '3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default ',
      // Docker 28 (vishvananda/netlink) fills in the broadcast address; the 2017 article had none.
      '    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0',
    ])
    expect(lab.run('brctl show').stdout).toMatch(
      /^bridge name\tbridge id\t\tSTP enabled\tinterfaces\ndocker0\t\t8000\.[0-9a-f]{12}\tno\t\t\n$/,
    )
  })

  it('lists one veth per container on docker0; they go with their containers', () => {
    const lab = createTestLab()
    for (const n of ['kong', 'kong-database', 'third'])
      lab.run(`docker run -d --name ${n} busybox sleep 1000`)
    const brctl = lines(lab.run('brctl show').stdout)
    expect(brctl).toHaveLength(4)
    expect(brctl[1]).toMatch(/^docker0\t\t8000\.[0-9a-f]{12}\tno\t\tveth[0-9a-f]{7}$/)
    expect(brctl[2]).toMatch(/^\t\t\t\t\t\t\tveth[0-9a-f]{7}$/)
    // 28.x creates the container end in the container's namespace: every host end is @if2.
    const veths = lines(lab.run('ip addr show | grep veth').stdout)
    expect(veths).toHaveLength(3)
    for (const v of veths) {
      expect(v).toMatch(
        /^\d+: veth[0-9a-f]{7}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default $/,
      )
    }
    expect(lab.run('docker ps --format "table {{.ID}} {{.Names}}"').stdout).toMatch(
      /^CONTAINER ID NAMES\n[0-9a-f]{12} third\n[0-9a-f]{12} kong-database\n[0-9a-f]{12} kong\n$/,
    )
    for (const n of ['kong', 'kong-database', 'third']) lab.run(`docker rm -f ${n}`)
    expect(lab.run('ip addr show | grep veth')).toEqual({ stdout: '', stderr: '', exitCode: 1 })
  })

  it('iptables-save shows the masquerade rule for docker0 and the DOCKER chain jumps', () => {
    const lab = createTestLab()
    const nat = lab.run('iptables-save -t nat').stdout
    expect(lines(nat).filter((l) => l.startsWith('-A'))).toEqual([
      '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
      '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
      '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      '-A DOCKER -i docker0 -j RETURN',
    ])
  })

  it('the container sees its end of the pair as eth0, in its own namespace', () => {
    const lab = createTestLab()
    lab.run('docker run -dit --name c1 busybox')
    const inside = lab.run('docker exec c1 ip addr').stdout
    expect(inside).toMatch(/\n2: eth0@if(\d+): /)
    expect(inside).toContain('inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0')
    const peer = /eth0@if(\d+)/.exec(inside)?.[1]
    expect(lab.run('ip addr show | grep veth').stdout).toMatch(
      new RegExp(`^${peer}: veth[0-9a-f]{7}@if2:`),
    )
  })

  it('a new UTS namespace keeps its own host name (unshare -u, hostname) until exit', () => {
    const lab = createTestLab()
    const shell = createSession(lab.engine, hostId('host1'))
    const other = createSession(lab.engine, hostId('host1'))
    expect(shell.run('sudo unshare -u /bin/bash').exitCode).toBe(0)
    expect(shell.run('hostname updated-host').stdout).toBe('')
    // bash keeps the name it read at its start in its prompt, as in the article.
    expect(shell.prompt()).toBe('root@host1:~# ')
    expect(shell.run('hostname').stdout).toBe('updated-host\n')
    // "1,2 とは別のシェルでホスト名を表示すると、こちらには上記の変更が反映されない"
    expect(other.run('hostname').stdout).toBe('host1\n')
    expect(shell.run('exit').stdout).toBe('exit\n')
    expect(shell.run('hostname').stdout).toBe('host1\n')
  })

  it('sudo ip link add … type veth peer name …: the pair appears, DOWN, each @ the other', () => {
    const lab = createTestLab()
    expect(lab.run('sudo ip link add name veth1 type veth peer name veth1-peer').exitCode).toBe(0)
    expect(lab.run('ip link show | grep veth').stdout).toMatch(
      /^\d+: veth1-peer@veth1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n\d+: veth1@veth1-peer: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n$/,
    )
  })
})

describe('seed 000: host mode', () => {
  it('a host-mode container sees the host’s interfaces', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name=web1 --net=host busybox sleep 1000')
    const inside = lab.run('docker exec web1 ifconfig').stdout
    for (const dev of ['docker0', 'eth0', 'lo'])
      expect(inside).toMatch(new RegExp(`^${dev} +Link encap`, 'm'))
    expect(inside).toContain('inet addr:10.10.0.11  Bcast:10.10.0.255  Mask:255.255.255.0')
    expect(lab.run('docker exec web1 hostname').stdout).toBe('host1\n')
  })

  it('a second web server on port 80 in host mode cannot bind and exits', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name=web1 --net=host httpd')
    lab.run('docker run -d --name=web2 --net=host httpd')
    expect(lab.run('docker ps -a --format "{{.Names}} {{.Status}}"').stdout).toMatch(
      /^web2 Exited \(1\) .*\nweb1 Up .*\n$/,
    )
    expect(lab.run('docker logs web2').stderr).toContain(
      '(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80',
    )
    expect(lab.run('netstat -plnt').stdout).toMatch(
      /tcp +0 +0 0\.0\.0\.0:80 +0\.0\.0\.0:\* +LISTEN +\d+\/httpd/,
    )
  })
})

describe('seed 004: the compose exercises as docker commands', () => {
  it('exercise 01: a project network, two busybox containers, hostname -i matches inspect', () => {
    const lab = createTestLab()
    lab.run('docker network create 1-default_default')
    lab.run(
      'docker run -dit --name 1-default-server-1 --network 1-default_default --network-alias server busybox',
    )
    lab.run(
      'docker run -dit --name 1-default-client-1 --network 1-default_default --network-alias client busybox',
    )
    const inspect = JSON.parse(lab.run('docker network inspect 1-default_default').stdout) as [
      {
        IPAM: { Config: { Subnet: string; Gateway: string }[] }
        Containers: Record<string, { Name: string; IPv4Address: string }>
      },
    ]
    expect(inspect[0].IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }])
    const byName = Object.fromEntries(
      Object.values(inspect[0].Containers).map((c) => [c.Name, c.IPv4Address]),
    )
    expect(byName).toEqual({
      '1-default-server-1': '172.18.0.2/16',
      '1-default-client-1': '172.18.0.3/16',
    })
    expect(lab.run('docker exec 1-default-server-1 hostname -i').stdout).toBe('172.18.0.2\n')
  })

  it('exercise 01: nc -lp 8888 in the server, nc from the client in a second terminal', () => {
    const lab = createTestLab()
    lab.run('docker network create 1-default_default')
    lab.run('docker run -dit --name server --network 1-default_default busybox')
    lab.run('docker run -dit --name client --network 1-default_default busybox')
    const first = createSession(lab.engine, hostId('host1'))
    const second = createSession(lab.engine, hostId('host1'))
    // "アイドル状態になる": the server holds its terminal.
    expect(first.run('docker exec -it server nc -lp 8888').exitCode).toBe(0)
    expect(first.prompt()).toBe('')
    expect(second.run('docker exec -it client nc 172.18.0.2 8888').exitCode).toBe(0)
    second.run('test')
    // "serverコンテナ側のターミナルで「test」という文字列が受信されればOK"
    expect(first.drain()).toBe('test\n')
    // Exercise 02: the same by service name.
    second.interrupt()
    first.run('docker exec -it server nc -lp 8888')
    expect(second.run('docker exec -it client nc server 8888').exitCode).toBe(0)
    second.run('test')
    expect(first.drain()).toBe('test\n')
  })

  it('exercise 03: a fixed subnet with fixed addresses', () => {
    const lab = createTestLab()
    lab.run('docker network create --subnet 178.27.0.0/16 app_net')
    lab.run('docker run -dit --name server --network app_net --ip 178.27.0.10 busybox')
    lab.run('docker run -dit --name client --network app_net --ip 178.27.0.20 busybox')
    expect(lab.run('docker exec server hostname -i').stdout).toBe('178.27.0.10\n')
    expect(lab.run('docker exec client hostname -i').stdout).toBe('178.27.0.20\n')
  })

  it('network_mode: bridge puts the containers on docker0: 172.17.0.2 and .3', () => {
    const lab = createTestLab()
    lab.run('docker run -dit --name server --network bridge busybox')
    lab.run('docker run -dit --name client --network bridge busybox')
    expect(lab.run('docker exec server hostname -i').stdout).toBe('172.17.0.2\n')
    expect(lab.run('docker exec client hostname -i').stdout).toBe('172.17.0.3\n')
  })

  it('ports: "1234:80" publishes nginx on the host', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 1234:80 nginx')
    expect(lab.run('docker port web').stdout).toBe('80/tcp -> 0.0.0.0:1234\n80/tcp -> [::]:1234\n')
    expect(lab.run('docker ps --format "{{.Ports}}"').stdout).toBe(
      '0.0.0.0:1234->80/tcp, [::]:1234->80/tcp\n',
    )
  })
})
