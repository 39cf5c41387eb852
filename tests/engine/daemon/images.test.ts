import { describe, expect, it } from 'vitest'
import {
  KNOWN_IMAGES,
  containerCommand,
  normalizeImageRef,
  psImageColumn,
  resolveImage,
} from '../../../src/engine/daemon/images'

const DIGEST = `sha256:${'ab'.repeat(32)}`

describe('normalizeImageRef', () => {
  it.each([
    ['nginx', 'nginx:latest'],
    ['nginx:alpine', 'nginx:alpine'],
    ['alpine:3.20', 'alpine:3.20'],
    ['docker.io/library/redis', 'redis:latest'],
    ['library/busybox:1.36', 'busybox:1.36'],
    ['traefik/whoami', 'traefik/whoami:latest'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['ghcr.io/org/app:v1', 'ghcr.io/org/app:v1'],
    [`nginx@${DIGEST}`, `nginx@${DIGEST}`],
  ])('%s → %s', (ref, normalized) => {
    expect(normalizeImageRef(ref)).toBe(normalized)
  })

  it('leaves an invalid reference alone', () => {
    expect(normalizeImageRef('Nginx')).toBe('Nginx')
  })
})

describe('resolveImage', () => {
  it('knows the official images', () => {
    expect(KNOWN_IMAGES).toEqual([
      'alpine',
      'busybox',
      'debian',
      'httpd',
      'mysql',
      'nginx',
      'node',
      'postgres',
      'python',
      'redis',
      'traefik',
      'ubuntu',
    ])
  })

  it('describes nginx: entrypoint, command, port 80 and its listening socket', () => {
    const nginx = resolveImage('nginx')
    expect(nginx).toMatchObject({
      ref: 'nginx:latest',
      repository: 'nginx',
      tag: 'latest',
      known: true,
      userland: 'debian',
      shell: 'bash',
      daemon: true,
      services: [{ proto: 'tcp', port: 80, process: 'nginx' }],
      command: "/docker-entrypoint.sh nginx -g 'daemon off;'",
    })
    expect(nginx.config).toMatchObject({
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      ExposedPorts: ['80/tcp'],
      WorkingDir: '',
      StopSignal: 'SIGQUIT',
    })
    expect(nginx.config.Env[0]).toBe(
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    )
  })

  it('derives a fixed sha256 ID from the normalised reference', () => {
    const id = resolveImage('nginx').id
    expect(id).toBe('sha256:195dd2e48d3b1e98d3baf2b990effebbde5cbb71490f0ad37d0a8565f9dfafd9')
    expect(resolveImage('nginx:latest').id).toBe(id)
    expect(resolveImage('docker.io/library/nginx').id).toBe(id)
    expect(resolveImage('nginx:alpine').id).not.toBe(id)
    expect(resolveImage('alpine').id).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('runs nginx:alpine on BusyBox with the same command', () => {
    const img = resolveImage('nginx:alpine')
    expect(img).toMatchObject({ tag: 'alpine', userland: 'busybox', shell: 'sh', known: true })
    expect(img.command).toBe("/docker-entrypoint.sh nginx -g 'daemon off;'")
    expect(img.config.Env).toContain('PKG_RELEASE=1')
  })

  it('resolves other tags to the same base, on Alpine when the tag says so', () => {
    expect(resolveImage('alpine:3.20')).toMatchObject({
      repository: 'alpine',
      tag: '3.20',
      userland: 'busybox',
      shell: 'sh',
      command: '/bin/sh',
    })
    expect(resolveImage('redis:7-alpine')).toMatchObject({ userland: 'busybox', shell: 'sh' })
    expect(resolveImage('redis:7')).toMatchObject({ userland: 'debian', shell: 'bash' })
  })

  it.each([
    ['busybox', 'sh', 'busybox', false],
    ['alpine', '/bin/sh', 'busybox', false],
    ['ubuntu', '/bin/bash', 'debian', false],
    ['debian', 'bash', 'debian', false],
    ['python', 'python3', 'debian', false],
    ['node', 'docker-entrypoint.sh node', 'debian', false],
    ['redis', 'docker-entrypoint.sh redis-server', 'debian', true],
    ['postgres', 'docker-entrypoint.sh postgres', 'debian', true],
    ['mysql', 'docker-entrypoint.sh mysqld', 'debian', true],
    ['httpd', 'httpd-foreground', 'debian', true],
    ['traefik', '/entrypoint.sh traefik', 'busybox', true],
  ])('%s runs "%s" (%s userland, daemon %s)', (ref, command, userland, daemon) => {
    expect(resolveImage(ref)).toMatchObject({ command, userland, daemon })
  })

  it('lists the exposed ports and the sockets the servers open', () => {
    const ports = (ref: string) => resolveImage(ref).config.ExposedPorts
    const sockets = (ref: string) => resolveImage(ref).services.map((s) => `${s.port}/${s.proto}`)
    expect(ports('redis')).toEqual(['6379/tcp'])
    expect(ports('postgres')).toEqual(['5432/tcp'])
    expect(ports('mysql')).toEqual(['3306/tcp', '33060/tcp'])
    expect(ports('httpd')).toEqual(['80/tcp'])
    expect(ports('traefik')).toEqual(['80/tcp'])
    expect(ports('busybox')).toEqual([])
    expect(sockets('mysql')).toEqual(['3306/tcp', '33060/tcp'])
    expect(resolveImage('redis').services[0]?.process).toBe('redis-server')
    expect(resolveImage('redis').config.WorkingDir).toBe('/data')
    expect(resolveImage('httpd').config.WorkingDir).toBe('/usr/local/apache2')
  })

  it('says which variables postgres and mysql refuse to start without', () => {
    expect(resolveImage('postgres').requiresOneOfEnv).toContain('POSTGRES_PASSWORD')
    expect(resolveImage('mysql').requiresOneOfEnv).toContain('MYSQL_ROOT_PASSWORD')
    expect(resolveImage('nginx').requiresOneOfEnv).toEqual([])
  })

  it('gives an unknown image a generic Debian-like stand-in that serves nothing', () => {
    const img = resolveImage('myorg/app:1.0')
    expect(img).toMatchObject({
      ref: 'myorg/app:1.0',
      repository: 'myorg/app',
      tag: '1.0',
      known: false,
      userland: 'debian',
      services: [],
      daemon: false,
      command: 'bash',
    })
    expect(img.config.ExposedPorts).toEqual([])
  })
})

describe('docker ps columns', () => {
  const id = resolveImage('nginx').id

  it('IMAGE shows what the user typed, in its familiar form, without a digest', () => {
    expect(psImageColumn('nginx', id)).toBe('nginx')
    expect(psImageColumn('nginx:alpine', id)).toBe('nginx:alpine')
    expect(psImageColumn('docker.io/library/nginx:latest', id)).toBe('nginx:latest')
    expect(psImageColumn(`nginx@${DIGEST}`, id)).toBe('nginx')
    expect(psImageColumn(`nginx@${DIGEST}`, id, true)).toBe(`nginx@${DIGEST}`)
  })

  it('IMAGE shows the 12-char ID for a container created from its image ID', () => {
    expect(psImageColumn(id, id)).toBe('195dd2e48d3b')
    expect(psImageColumn('', id)).toBe('<no image>')
  })

  it('COMMAND quotes arguments with spaces, as container/view.go does', () => {
    expect(containerCommand(['sh'])).toBe('sh')
    expect(containerCommand(['echo', 'hello world', '!'])).toBe("echo 'hello world' !")
    expect(containerCommand([])).toBe('')
  })
})
