import { describe, expect, it } from 'vitest'
import { createTestLab, type TestLab } from '../../helpers/lab'

/** Runs `docker …` in the lab's shell. */
function run(lab: TestLab, cmd: string, line: string) {
  return lab.run(line === '' ? cmd : `${cmd} ${line}`)
}

describe('docker port', () => {
  it('lists the published ports of a running container', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 8080:80 -p 127.0.0.1:5353:53/udp nginx')
    expect(run(lab, 'docker port', 'web')).toEqual({
      stdout: '53/udp -> 127.0.0.1:5353\n80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n',
      stderr: '',
      exitCode: 0,
    })
    expect(run(lab, 'docker port', 'web 80').stdout).toBe('0.0.0.0:8080\n[::]:8080\n')
    expect(run(lab, 'docker port', 'web 53/udp').stdout).toBe('127.0.0.1:5353\n')
  })

  it('says when a port is not published, or the container is stopped', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web -p 8080:80 nginx')
    expect(run(lab, 'docker port', 'web 81/tcp')).toEqual({
      stdout: '',
      stderr: "Error: No public port '81/tcp' published for web\n",
      exitCode: 1,
    })
    lab.run('docker stop web')
    expect(run(lab, 'docker port', 'web')).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    expect(run(lab, 'docker port', 'web 80').stderr).toBe(
      "Error: No public port '80' published for web\n",
    )
  })

  it('answers unknown containers and wrong argument counts as the CLI does', () => {
    const lab = createTestLab()
    expect(run(lab, 'docker port', 'nope')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: No such container: nope\n',
      exitCode: 1,
    })
    expect(run(lab, 'docker port', '')).toEqual({
      stdout: '',
      stderr:
        "docker: 'docker port' requires at least 1 and at most 2 arguments\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'docker port --help' for more information\n",
      exitCode: 1,
    })
    expect(run(lab, 'docker container port', 'a b c').stderr).toBe(
      "docker: 'docker container port' requires at least 1 and at most 2 arguments\n\nUsage:  docker container port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'docker container port --help' for more information\n",
    )
  })
})
