import { describe, expect, it } from 'vitest'
import { allContainers, hostId } from '../../../src/engine'
import { type Container } from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'

/** Runs `docker …` in the lab's shell. */
function run(lab: TestLab, cmd: string, line: string) {
  return lab.run(line === '' ? cmd : `${cmd} ${line}`)
}
const ps = (lab: TestLab, line = '') => run(lab, 'docker ps', line)
const short = (lab: TestLab, name: string): string =>
  (
    allContainers(lab.world.hosts[hostId('host1')]?.daemon).find(
      (c) => c.name === name,
    ) as Container
  ).id.slice(0, 12)

/** web (nginx -p 8080:80), db (redis, paused), once (exited), fresh (created), newest last. */
function world(): TestLab {
  const lab = createTestLab()
  lab.run('docker network create app')
  lab.run('docker run -d --name web -p 8080:80 nginx')
  lab.run('docker run -d --name db --network app redis')
  lab.run('docker run --name once alpine true')
  lab.run('docker create --name fresh alpine')
  lab.run('docker pause db')
  return lab
}

describe('docker ps', () => {
  it('prints the header alone when nothing runs', () => {
    expect(ps(createTestLab())).toEqual({
      stdout: 'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('lists running containers, newest first, in Docker’s table', () => {
    const lab = world()
    expect(ps(lab).stdout).toBe(
      'CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS                  PORTS                                     NAMES\n' +
        `${short(lab, 'db')}   redis     "docker-entrypoint.s…"   7 seconds ago   Up 6 seconds (Paused)   6379/tcp                                  db\n` +
        `${short(lab, 'web')}   nginx     "/docker-entrypoint.…"   9 seconds ago   Up 8 seconds            0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web\n`,
    )
  })

  it('adds stopped and created containers with -a', () => {
    const lab = world()
    const lines = ps(lab, '-a').stdout.split('\n')
    expect(lines[1]).toBe(
      `${short(lab, 'fresh')}   alpine    "/bin/sh"                2 seconds ago   Created${' '.repeat(20 + 42)}fresh`,
    )
    expect(lines[2]).toBe(
      `${short(lab, 'once')}   alpine    "true"                   5 seconds ago   Exited (0) 3 seconds ago   ${' '.repeat(42)}once`,
    )
    expect(lines).toHaveLength(6)
  })

  it('prints IDs with -q, full values with --no-trunc, the last n with -n and -l', () => {
    const lab = world()
    expect(ps(lab, '-q').stdout).toBe(`${short(lab, 'db')}\n${short(lab, 'web')}\n`)
    expect(ps(lab, '-aq --no-trunc').stdout).toMatch(/^([0-9a-f]{64}\n){4}$/)
    expect(ps(lab, '--no-trunc').stdout).toContain(`"/docker-entrypoint.sh nginx -g 'daemon off;'"`)
    expect(ps(lab, '-n 2 -q').stdout).toBe(`${short(lab, 'fresh')}\n${short(lab, 'once')}\n`)
    expect(ps(lab, '-l -q').stdout).toBe(`${short(lab, 'fresh')}\n`)
  })

  it('filters by name, status, network, id and label', () => {
    const lab = world()
    lab.run('docker run -d --name tagged --label tier=front alpine sleep 100')
    expect(ps(lab, '-q -f name=we').stdout).toBe(`${short(lab, 'web')}\n`)
    expect(ps(lab, '-q -f status=exited -f status=created').stdout).toBe(
      `${short(lab, 'fresh')}\n${short(lab, 'once')}\n`,
    )
    expect(ps(lab, '-q --filter network=app').stdout).toBe(`${short(lab, 'db')}\n`)
    expect(ps(lab, `-q --filter id=${short(lab, 'web')}`).stdout).toBe(`${short(lab, 'web')}\n`)
    expect(ps(lab, '-q --filter label=tier=front').stdout).toBe(`${short(lab, 'tagged')}\n`)
    expect(ps(lab, '-q --filter label=tier=back').stdout).toBe('')
    expect(ps(lab, '-q --filter ancestor=nginx').stdout).toBe(`${short(lab, 'web')}\n`)
    expect(ps(lab, '-q --filter publish=8080').stdout).toBe(`${short(lab, 'web')}\n`)
    expect(ps(lab, '-q --filter expose=6379/tcp').stdout).toBe(`${short(lab, 'db')}\n`)
  })

  it('reports bad filters as the CLI and the daemon do', () => {
    const lab = world()
    expect(ps(lab, '-f nope')).toEqual({
      stdout: '',
      stderr:
        'invalid argument "nope" for "-f, --filter" flag: bad format of filter (expected name=value)\n\nUsage:  docker ps [OPTIONS]\n\nRun \'docker ps --help\' for more information\n',
      exitCode: 125,
    })
    expect(ps(lab, '-f foo=bar')).toEqual({
      stdout: '',
      stderr: "Error response from daemon: invalid filter 'foo'\n",
      exitCode: 1,
    })
    expect(ps(lab, '-f status=up').stderr).toBe(
      "Error response from daemon: invalid filter 'status=up': invalid value for state (up): must be one of created, running, paused, restarting, removing, exited, dead\n",
    )
    expect(ps(lab, 'extra').stderr).toBe(
      "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
    )
  })

  it('renders templates, tables of templates and json', () => {
    const lab = world()
    expect(ps(lab, "--format '{{.Names}}: {{.Ports}}'").stdout).toBe(
      'db: 6379/tcp\nweb: 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n',
    )
    expect(ps(lab, "--format 'table {{.Names}}\\t{{.Networks}}\\t{{.State}}'").stdout).toBe(
      'NAMES     NETWORKS   STATE\ndb        app        paused\nweb       bridge     running\n',
    )
    const json = ps(lab, '--format json -f name=web').stdout
    expect(json).toBe(
      `{"Command":"\\"/docker-entrypoint.…\\"","CreatedAt":"2026-01-01 00:00:01 +0000 UTC","ID":"${short(lab, 'web')}","Image":"nginx","Labels":"","LocalVolumes":"0","Mounts":"","Names":"web","Networks":"bridge","Platform":null,"Ports":"0.0.0.0:8080-\\u003e80/tcp, [::]:8080-\\u003e80/tcp","RunningFor":"9 seconds ago","Size":"0B","State":"running","Status":"Up 8 seconds"}\n`,
    )
    expect(ps(lab, "--format '{{.Names}' -q")).toEqual({
      stdout: '',
      stderr:
        'WARNING: Ignoring custom format, because both --format and --quiet are set.\nfailed to parse template: template: :1: unexpected "}" in operand\n',
      exitCode: 1,
    })
  })

  it('treats {{json .}} as json, shows link names with --no-trunc and sizes with -s', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name db redis')
    lab.run('docker run -d --name web --link db:database nginx')
    expect(ps(lab, "--format '{{json .}}'").stdout).toBe(ps(lab, '--format json').stdout)
    expect(ps(lab, "--format '{{.Names}}'").stdout).toBe('web\ndb\n')
    expect(ps(lab, "--no-trunc --format '{{.Names}}'").stdout).toBe('web\ndb,web/database\n')
    expect(ps(lab, '-s').stdout.split('\n')[0]).toBe(
      'CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS      NAMES     SIZE',
    )
    expect(ps(lab, '-s').stdout.split('\n')[1]).toMatch(/ {3}web {7}0B$/)
  })

  it('names the container ls alias in its usage', () => {
    const lab = world()
    expect(run(lab, 'docker container ls', '-q').stdout).toBe(ps(lab, '-q').stdout)
    expect(run(lab, 'docker container ls', 'x').stderr).toBe(
      "docker: 'docker container ls' accepts no arguments\n\nUsage:  docker container ls [OPTIONS]\n\nRun 'docker container ls --help' for more information\n",
    )
  })
})
