// `docker version` and `docker --version`, in the layout of docker/cli
// cli/command/system/version.go (defaultVersionTemplate), for the simulated Engine.

import { ENGINE_VERSION as V } from '../../engine'
import { renderTemplate } from '../format/go-template'
import { flagsFromHelp } from './help-flags'
import { fail, out } from '../output'
import type { DockerCommand } from './command'

export const dockerShortVersion = (): string =>
  `Docker version ${V.version}, build ${V.clientCommit}\n`

/** `Name:` then the value at column 21, as the template's tabwriter aligns them. */
const field = (indent: string, name: string, value: string): string =>
  `${`${indent}${name}:`.padEnd(20)}${value}`

/** The data `--format` templates see (docker/cli cli/command/system/version.go versionInfo). */
function versionData(): Record<string, unknown> {
  const common = {
    Version: V.version,
    ApiVersion: V.apiVersion,
    GoVersion: V.goVersion,
    Os: V.os,
    Arch: V.arch,
    BuildTime: V.built,
  }
  return {
    Client: {
      Platform: { Name: 'Docker Engine - Community' },
      ...common,
      DefaultAPIVersion: V.apiVersion,
      GitCommit: V.clientCommit,
      Context: 'default',
    },
    Server: {
      Platform: { Name: 'Docker Engine - Community' },
      ...common,
      MinAPIVersion: V.minApiVersion,
      GitCommit: V.serverCommit,
      KernelVersion: V.kernel,
      Experimental: false,
    },
  }
}

export const versionCommand: DockerCommand = {
  path: 'docker version',
  usage: 'docker version [OPTIONS]',
  flags: flagsFromHelp('docker version'),
  args: { kind: 'none' },
  run: (_ctx, p) => {
    const format = p.flags.lists.get('format')?.at(-1)
    if (format !== undefined) {
      const r = renderTemplate(format === 'json' ? '{{json .}}' : format, versionData())
      return r.ok ? out(`${r.value}\n`) : fail(`template parsing error: ${r.error}\n`, 1)
    }
    const osArch = `${V.os}/${V.arch}`
    const rows = [
      'Client: Docker Engine - Community',
      field(' ', 'Version', V.version),
      field(' ', 'API version', V.apiVersion),
      field(' ', 'Go version', V.goVersion),
      field(' ', 'Git commit', V.clientCommit),
      field(' ', 'Built', V.built),
      field(' ', 'OS/Arch', osArch),
      field(' ', 'Context', 'default'),
      '',
      'Server: Docker Engine - Community',
      ' Engine:',
      field('  ', 'Version', V.version),
      field('  ', 'API version', `${V.apiVersion} (minimum version ${V.minApiVersion})`),
      field('  ', 'Go version', V.goVersion),
      field('  ', 'Git commit', V.serverCommit),
      field('  ', 'Built', V.built),
      field('  ', 'OS/Arch', osArch),
      field('  ', 'Experimental', 'false'),
      ' containerd:',
      field('  ', 'Version', V.containerd.version),
      field('  ', 'GitCommit', V.containerd.commit),
      ' runc:',
      field('  ', 'Version', V.runc.version),
      field('  ', 'GitCommit', V.runc.commit),
      ' docker-init:',
      field('  ', 'Version', V.dockerInit.version),
      field('  ', 'GitCommit', V.dockerInit.commit),
    ]
    return out(rows.map((r) => `${r}\n`).join(''))
  },
}
