import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'
import { hostLinkNames, network, subnetOf } from '../../helpers/world'

describe('docker network create (IPAM as Docker 28)', () => {
  it('gives user networks the predefined pools in order: 172.18, 172.19 … 172.31, then 192.168.0.0/20', () => {
    const lab = createTestLab()
    for (let i = 1; i <= 16; i++) expect(lab.run(`docker network create n${i}`).exitCode).toBe(0)
    expect(subnetOf(lab, 'n1')).toBe('172.18.0.0/16')
    expect(subnetOf(lab, 'n2')).toBe('172.19.0.0/16')
    expect(subnetOf(lab, 'n14')).toBe('172.31.0.0/16')
    expect(subnetOf(lab, 'n15')).toBe('192.168.0.0/20')
    expect(subnetOf(lab, 'n16')).toBe('192.168.16.0/20')
  })

  it('reuses a freed subnet first', () => {
    const lab = createTestLab()
    lab.run('docker network create a')
    lab.run('docker network create b')
    lab.run('docker network rm a')
    lab.run('docker network create c')
    expect(subnetOf(lab, 'c')).toBe('172.18.0.0/16')
  })

  it('fails with Docker’s error after 31 local networks, changing nothing', () => {
    const lab = createTestLab()
    for (let i = 1; i <= 30; i++) expect(lab.run(`docker network create n${i}`).exitCode).toBe(0)
    const before = lab.world
    expect(lab.run('docker network create n31')).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: all predefined address pools have been fully subnetted\n',
      exitCode: 1,
    })
    expect(lab.world).toBe(before)
  })

  it('prints the 64-hex ID and creates the bridge br-<id12>, gateway first address', () => {
    const lab = createTestLab()
    const { stdout } = lab.run('docker network create app')
    expect(stdout).toMatch(/^[0-9a-f]{64}\n$/)
    const net = network(lab, 'app')
    expect(net.id).toBe(stdout.trim())
    expect(hostLinkNames(lab)).toContain(`br-${net.id.slice(0, 12)}`)
    expect(net.pools[0]?.gateway).toBe(0xac120001)
  })

  it('takes --subnet, --gateway, --ip-range and -o com.docker.network.bridge.name', () => {
    const lab = createTestLab()
    expect(
      lab.run(
        'docker network create --subnet 10.5.0.0/16 --ip-range 10.5.1.0/24 -o com.docker.network.bridge.name=br-lab lab',
      ).exitCode,
    ).toBe(0)
    const net = network(lab, 'lab')
    // Without --gateway the gateway is the first address of the ip-range (AddAnyInRange).
    expect(net.pools[0]?.gateway).toBe(0x0a050100)
    expect(hostLinkNames(lab)).toContain('br-lab')
  })

  it.each([
    [
      'docker network create --subnet 300.1.0.0/16 x',
      'Error response from daemon: invalid network config:\ninvalid subnet 300.1.0.0/16: invalid CIDR block notation\n',
    ],
    [
      'docker network create --subnet 172.30.0.1/16 x',
      'Error response from daemon: invalid network config:\ninvalid subnet 172.30.0.1/16: it should be 172.30.0.0/16\n',
    ],
    [
      'docker network create --gateway 10.0.0.1 x',
      'every ip-range or gateway must have a corresponding subnet\n',
    ],
    [
      'docker network create --subnet 10.0.0.0/24 --gateway 10.1.0.1 x',
      'no matching subnet for gateway 10.1.0.1\n',
    ],
    [
      'docker network create --subnet 172.17.5.0/24 x',
      'Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n',
    ],
    [
      'docker network create bridge',
      'Error response from daemon: operation is not permitted on predefined bridge network\n',
    ],
    ['docker network create -d foo x', 'Error response from daemon: plugin "foo" not found\n'],
  ])('%s fails with Docker’s text', (line, stderr) => {
    const lab = createTestLab()
    const before = lab.world
    expect(lab.run(line)).toEqual({ stdout: '', stderr, exitCode: 1 })
    expect(lab.world).toBe(before)
  })

  it('refuses a duplicate name', () => {
    const lab = createTestLab()
    lab.run('docker network create app')
    expect(lab.run('docker network create app').stderr).toBe(
      'Error response from daemon: network with name app already exists\n',
    )
  })
})

describe('docker network rm / prune', () => {
  it('refuses to remove a predefined network or one with active endpoints', () => {
    const lab = createTestLab()
    expect(lab.run('docker network rm bridge').stderr).toBe(
      'Error response from daemon: bridge is a pre-defined network and cannot be removed\n',
    )
    lab.run('docker network create app')
    lab.run('docker run -d --name web --network app nginx')
    const r = lab.run('docker network rm app')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(
      /^Error response from daemon: error while removing network: network app has active endpoints \(name:"web" id:"[0-9a-f]{12}"\)\n$/,
    )
  })

  it('removes the network, its bridge and its rules, and prints its name', () => {
    const lab = createTestLab()
    lab.run('docker network create app')
    const br = `br-${network(lab, 'app').id.slice(0, 12)}`
    expect(lab.run('docker network rm app')).toEqual({ stdout: 'app\n', stderr: '', exitCode: 0 })
    expect(hostLinkNames(lab)).not.toContain(br)
    expect(JSON.stringify(lab.world.hosts['host1' as never]?.kernel.netns)).not.toContain(br)
  })

  it('prunes networks without active endpoints, also those only stopped containers use', () => {
    const lab = createTestLab()
    lab.run('docker network create used')
    lab.run('docker network create stopped')
    lab.run('docker network create unused')
    lab.run('docker run -d --name c1 --network used busybox sleep 1000')
    lab.run('docker create --name s1 --network stopped busybox')
    expect(lab.run('docker network prune -f').stdout).toBe('Deleted Networks:\nstopped\nunused\n')
  })
})
