// How the docker CLI prints an error the daemon returned: `Error response from daemon: …` on
// stderr, exit 1; `docker run` and `docker create` prefix `docker: ` and add the hint, exit 125
// (docker/cli cmd/docker/docker.go, cli/command/container/run.go withHelp).

import type { DockerError } from '../../engine'
import { fail, type CommandOutput } from '../output'

export function daemonError(e: DockerError): CommandOutput {
  return fail(`Error response from daemon: ${e.message}\n`, 1)
}

export function runError(command: 'run' | 'create', message: string): CommandOutput {
  return fail(`docker: ${message}\n\nRun 'docker ${command} --help' for more information\n`, 125)
}

export function runDaemonError(command: 'run' | 'create', e: DockerError): CommandOutput {
  return runError(command, `Error response from daemon: ${e.message}`)
}
