import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'

// The advice a dropped trace carries, as the `trace` command prints it after the verdict.
const advice = (out: string): string => out.slice(out.indexOf('why: '))

describe('why cannot A reach B', () => {
  it('names the isolation between two bridge networks and the connect command', () => {
    const lab = createTestLab()
    lab.run('docker network create front')
    lab.run('docker network create back')
    lab.run('docker run -d --name c1 --network front busybox sleep 1000')
    lab.run('docker run -d --name c2 --network back busybox sleep 1000')
    const r = lab.run('trace c1 c2')
    expect(r.exitCode).toBe(1)
    expect(advice(r.stdout)).toMatch(
      /^why: c1 and c2 are on different bridge networks \(front and back\); Docker isolates them: -t \w+ -A [\w-]+ .* drops it\.\nfix: Connect c1 to back\.\n {2}docker network connect back c1\n$/,
    )
    lab.run('docker network connect back c1')
    expect(lab.run('trace c1 c2').stdout).toMatch(/verdict: delivered\n$/)
  })

  it('explains an internal network', () => {
    const lab = createTestLab()
    lab.run('docker network create --internal vault')
    lab.run('docker run -d --name c1 --network vault busybox sleep 1000')
    const r = lab.run('trace c1 internet')
    expect(advice(r.stdout)).toMatch(
      /^why: c1 is only on internal network \(vault\): Docker gives it no default route/,
    )
    expect(r.stdout).toContain('  docker network connect bridge c1\n')
  })

  it('explains icc=false', () => {
    const lab = createTestLab()
    lab.run('docker network create -o com.docker.network.bridge.enable_icc=false quiet')
    lab.run('docker run -d --name c1 --network quiet busybox sleep 1000')
    lab.run('docker run -d --name c2 --network quiet busybox sleep 1000')
    const r = lab.run('trace c1 c2')
    expect(advice(r.stdout)).toMatch(
      /^why: quiet has inter-container communication disabled \(com\.docker\.network\.bridge\.enable_icc=false\)/,
    )
  })

  it('explains --network none and a port nobody listens on', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name lonely --network none busybox sleep 1000')
    expect(advice(lab.run('trace lonely internet').stdout)).toBe(
      'why: lonely runs with --network none: it has only lo, so no route leads anywhere.\n' +
        'fix: Connect lonely to a network.\n  docker network connect bridge lonely\n',
    )
    lab.run('docker run -d --name web nginx')
    lab.run('docker run -d --name c1 busybox sleep 1000')
    expect(advice(lab.run('trace c1 web --port 8080').stdout)).toBe(
      'why: Nothing listens on web tcp/8080: its kernel answers with a TCP RST.\n' +
        'fix: Use a port web listens on (tcp/80), or start a server on tcp/8080.\n' +
        '  docker exec -d web nc -lp 8080\n',
    )
  })

  it('tells a LAN machine that an unpublished port is not reachable', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web nginx')
    const r = lab.run('trace lan web --port 80')
    expect(r.exitCode).toBe(1)
    expect(advice(r.stdout)).toBe(
      "why: web's address 172.17.0.2 exists only inside host1: nothing outside the host routes to a container network.\n" +
        "fix: Publish the port (-p HOST_PORT:80) and connect to host1's own address instead.\n" +
        '  docker run -d -p 8080:80 --name web-published nginx\n',
    )
  })
})
