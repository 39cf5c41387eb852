import { describe, expect, it } from 'vitest'
import { allNetworks, allContainers, hostId } from '../../../src/engine'
import { type Host } from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'

/** Runs `docker …` in the lab's shell. */
function run(lab: TestLab, cmd: string, line: string) {
  return lab.run(line === '' ? cmd : `${cmd} ${line}`)
}
const host = (lab: TestLab): Host => lab.world.hosts[hostId('host1')] as Host
const idOf = (lab: TestLab, name: string): string =>
  allContainers(host(lab).daemon).find((c) => c.name === name)?.id ??
  allNetworks(host(lab).daemon).find((n) => n.name === name)?.id ??
  ''

function world(): TestLab {
  const lab = createTestLab()
  lab.run('docker network create --subnet 10.5.0.0/24 app')
  lab.run('docker run -d --name web -p 8080:80 nginx')
  lab.run('docker run -d --name db --network app --network-alias database redis')
  return lab
}

describe('docker network inspect', () => {
  it('prints [] and the daemon’s error for an unknown network', () => {
    expect(run(world(), 'docker network inspect', 'foo')).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: network foo not found\n',
      exitCode: 1,
    })
  })

  it('prints the networks it found and the errors for the others', () => {
    const r = run(world(), 'docker network inspect', 'app nope')
    expect(r.stdout).toMatch(/^\[\n {4}\{\n {8}"Name": "app",\n/)
    expect(r.stderr).toBe('Error response from daemon: network nope not found\n')
    expect(r.exitCode).toBe(1)
  })

  it('runs -f templates on each network, by name, ID or ID prefix', () => {
    const lab = world()
    const tmpl = "-f '{{.Name}} {{range .IPAM.Config}}{{.Subnet}} gw={{.Gateway}}{{end}}'"
    expect(run(lab, 'docker network inspect', `${tmpl} app bridge`)).toEqual({
      stdout: 'app 10.5.0.0/24 gw=\nbridge 172.17.0.0/16 gw=172.17.0.1\n',
      stderr: '',
      exitCode: 0,
    })
    expect(
      run(lab, 'docker network inspect', `-f {{.Name}} ${idOf(lab, 'app').slice(0, 5)}`).stdout,
    ).toBe('app\n')
  })

  it('prints one compact line with --format json', () => {
    const r = run(world(), 'docker network inspect', '-f json none')
    expect(r.stdout).toMatch(
      /^\[\{"Name":"none","Id":"[0-9a-f]{64}","Created":"[^"]+","Scope":"local",/,
    )
    expect(r.stdout.endsWith('"Options":{},"Labels":{}}]\n')).toBe(true)
  })
})

describe('docker inspect', () => {
  it('finds containers first, then networks, and says when nothing matches', () => {
    const lab = world()
    expect(
      run(lab, 'docker inspect', "-f '{{.Name}} {{.NetworkSettings.IPAddress}}' web db"),
    ).toEqual({
      stdout: '/web 172.17.0.2\n/db \n',
      stderr: '',
      exitCode: 0,
    })
    expect(run(lab, 'docker inspect', '-f {{.Driver}} app').stdout).toBe('bridge\n')
    expect(run(lab, 'docker inspect', 'foo')).toEqual({
      stdout: '[]\n',
      stderr: 'Error: No such object: foo\n',
      exitCode: 1,
    })
    expect(run(lab, 'docker inspect', '-f {{.Name}} foo')).toEqual({
      stdout: '\n',
      stderr: 'Error: No such object: foo\n',
      exitCode: 1,
    })
  })

  it('shows the container’s addresses on each network through templates', () => {
    const lab = world()
    const tmpl = `-f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{join $v.DNSNames ","}}{{end}}'`
    expect(run(lab, 'docker inspect', `${tmpl} db`).stdout).toBe(
      `app=10.5.0.2 db,database,${idOf(lab, 'db').slice(0, 12)}\n`,
    )
  })

  it('limits the search with --type and validates the type', () => {
    const lab = world()
    expect(run(lab, 'docker inspect', '--type network web')).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: network web not found\n',
      exitCode: 1,
    })
    expect(run(lab, 'docker inspect', '--type container app').stderr).toBe(
      'Error response from daemon: No such container: app\n',
    )
    expect(run(lab, 'docker inspect', '--type image nginx').stderr).toBe(
      'Error response from daemon: No such image: nginx:latest\n',
    )
    expect(run(lab, 'docker inspect', '--type box web')).toEqual({
      stdout: '',
      stderr:
        'unknown type: "box": must be one of "config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"\n',
      exitCode: 1,
    })
  })

  it('reports template errors as the CLI does', () => {
    const lab = world()
    expect(run(lab, 'docker inspect', "-f '{{.Name' web")).toEqual({
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      exitCode: 64,
    })
    expect(run(lab, 'docker inspect', "-f '{{.Nope}}' web")).toEqual({
      stdout: '\n',
      stderr:
        'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n',
      exitCode: 1,
    })
  })

  it('requires an argument', () => {
    expect(run(world(), 'docker inspect', '')).toEqual({
      stdout: '',
      stderr:
        "docker: 'docker inspect' requires at least 1 argument\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nSee 'docker inspect --help' for more information\n",
      exitCode: 1,
    })
  })
})

describe('docker container inspect', () => {
  it('inspects containers only, with the daemon’s error for the rest', () => {
    const lab = world()
    const r = run(lab, 'docker container inspect', 'web app')
    expect(r.stdout).toContain(`"Id": "${idOf(lab, 'web')}"`)
    expect(r.stderr).toBe('Error response from daemon: No such container: app\n')
    expect(r.exitCode).toBe(1)
    expect(run(lab, 'docker container inspect', '-s -f {{.SizeRw}} web').stdout).toBe('0\n')
  })
})
