import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { hostId } from '../../../src/engine'
import { createTestLab } from '../../helpers/lab'

const PROMPT = 'root@host1:~# '
const fail = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 })
const note = (stderr: string) => ({ stdout: '', stderr, exitCode: 0 })

// Two busybox containers on a user network (server 172.18.0.2, client 172.18.0.3), one on a
// second user network, and two terminal tabs on the host.
function ncLab() {
  const lab = createTestLab()
  lab.run('docker network create net1')
  lab.run('docker network create net2')
  lab.run('docker run -dit --name server --network net1 busybox')
  lab.run('docker run -dit --name client --network net1 busybox')
  lab.run('docker run -dit --name stranger --network net2 busybox')
  const a = createSession(lab.engine, hostId('host1'))
  const b = createSession(lab.engine, hostId('host1'))
  return { lab, a, b }
}

describe('nc (busybox)', () => {
  it('carries lines both ways between two terminals until one end leaves', () => {
    const { lab, a, b } = ncLab()
    expect(a.run('docker exec -it server nc -lp 8888')).toMatchObject(note(''))
    expect(a.prompt()).toBe('')
    expect(b.run('docker exec -it client nc server 8888')).toMatchObject(note(''))
    expect(b.prompt()).toBe('')
    b.run('test')
    expect(a.drain()).toBe('test\n')
    a.run('back')
    expect(b.drain()).toBe('back\n')
    expect(b.interrupt().exitCode).toBe(130)
    expect(b.prompt()).toBe(PROMPT)
    // The server read EOF and exited: its terminal gets the prompt back.
    expect(a.drain()).toBe('')
    expect(a.prompt()).toBe(PROMPT)
    expect(lab.run('docker exec server netstat -lnt').stdout).not.toContain('8888')
  })

  it('serves one connection: the listening socket closes once a client is accepted', () => {
    const { lab, a, b } = ncLab()
    a.run('docker exec -it server nc -lp 8888')
    expect(lab.run('docker exec server netstat -lnt').stdout).toContain('0.0.0.0:8888')
    b.run('docker exec -it client nc server 8888')
    expect(lab.run('docker exec server netstat -lnt').stdout).not.toContain('8888')
  })

  it('is refused when nothing listens (the kernel answers with a RST)', () => {
    expect(ncLab().lab.run('docker exec client nc server 8888')).toEqual(
      fail("nc: can't connect to remote host (172.18.0.2): Connection refused\n"),
    )
  })

  it('cannot resolve an unknown name', () => {
    expect(ncLab().lab.run('docker exec client nc nope 80')).toEqual(
      fail("nc: bad address 'nope'\n"),
    )
  })

  it('times out across two user networks: the isolation rules drop the SYN', () => {
    const { lab, a } = ncLab()
    a.run('docker exec -it server nc -lp 8888')
    expect(lab.run('docker exec stranger nc 172.18.0.2 8888')).toEqual(
      fail("nc: can't connect to remote host (172.18.0.2): Connection timed out\n"),
    )
  })

  it('finds no route to an address nobody answers ARP for', () => {
    expect(ncLab().lab.run('docker exec client nc 172.18.0.99 80')).toEqual(
      fail("nc: can't connect to remote host (172.18.0.99): No route to host\n"),
    )
  })

  it('reports an open port with -zv and keeps listening', () => {
    const { lab, a } = ncLab()
    a.run('docker exec -it server nc -lp 8888')
    expect(lab.run('docker exec client nc -zv server 8888')).toEqual(
      note('server (172.18.0.2:8888) open\n'),
    )
    expect(lab.run('docker exec client nc -z server 8888')).toEqual(note(''))
    expect(lab.run('docker exec server netstat -lnt').stdout).toContain('0.0.0.0:8888')
  })

  it('logs what a client sends to a container whose main process is nc, which exits after', () => {
    const { lab, b } = ncLab()
    lab.run('docker run -d --name srv --network net1 busybox nc -lp 9999')
    b.run('docker exec -it client nc srv 9999')
    b.run('hello')
    b.run('world')
    expect(lab.run('docker logs srv')).toEqual({
      stdout: 'hello\nworld\n',
      stderr: '',
      exitCode: 0,
    })
    b.interrupt()
    expect(lab.run('docker inspect -f "{{.State.Status}} {{.State.ExitCode}}" srv').stdout).toBe(
      'exited 0\n',
    )
  })

  it('reaches the container’s listener through docker-proxy on a published port', () => {
    const { lab, b } = ncLab()
    lab.run('docker run -d --name srv --network net1 -p 9999:9999 busybox nc -lp 9999')
    expect(b.run('nc localhost 9999')).toMatchObject(note(''))
    b.run('through the proxy')
    expect(lab.run('docker logs srv').stdout).toBe('through the proxy\n')
  })
})

describe('nc (netcat-openbsd on the host)', () => {
  it('scans a container’s port with -zv', () => {
    const { lab } = ncLab()
    lab.run('docker run -d --name srv --network net1 busybox nc -lp 9999')
    expect(lab.run('nc -zv 172.18.0.4 9999')).toEqual(
      note('Connection to 172.18.0.4 9999 port [tcp/*] succeeded!\n'),
    )
    expect(lab.run('nc -zv 172.18.0.4 9998')).toEqual(
      fail('nc: connect to 172.18.0.4 port 9998 (tcp) failed: Connection refused\n'),
    )
  })

  it('cannot resolve container names on the host', () => {
    expect(ncLab().lab.run('nc server 8888')).toEqual(
      fail('nc: getaddrinfo for host "server" port 8888: Name or service not known\n'),
    )
  })

  it('talks to an nc server on the host itself', () => {
    const { a, b } = ncLab()
    expect(a.run('nc -l 7777')).toEqual(note(''))
    expect(b.run('nc -v 127.0.0.1 7777')).toMatchObject(
      note('Connection to 127.0.0.1 7777 port [tcp/*] succeeded!\n'),
    )
    b.run('hi')
    expect(a.drain()).toBe('hi\n')
    a.interrupt()
    expect(b.drain()).toBe('')
    expect(b.prompt()).toBe(PROMPT)
  })
})
