import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'

describe('docker info', () => {
  it('counts containers by state and names the host', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name web nginx')
    lab.run('docker create --name later busybox')
    const { stdout } = lab.run('docker info')
    expect(stdout).toContain(
      'Server:\n Containers: 2\n  Running: 1\n  Paused: 0\n  Stopped: 1\n Images: 2\n Server Version: 28.5.2\n',
    )
    expect(stdout).toContain('  Network: bridge host ipvlan macvlan null overlay\n')
    expect(stdout).toContain(' Name: host1\n')
  })

  it('runs --format templates on the same data', () => {
    const lab = createTestLab()
    expect(
      lab.run('docker info --format "{{.ServerVersion}} {{.Swarm.LocalNodeState}}"').stdout,
    ).toBe('28.5.2 inactive\n')
  })
})

describe('docker version --format', () => {
  it('prints template fields', () => {
    const lab = createTestLab()
    expect(lab.run("docker version --format '{{.Server.Version}}'").stdout).toBe('28.5.2\n')
    expect(lab.run("docker version -f '{{.Client.ApiVersion}}'").stdout).toBe('1.51\n')
  })
})
