// Which programs are interactive shells (`sh`, `/bin/bash`…): `docker run -it`/`exec -it` open
// them as nested shells, and as a container's PID 1 they ignore SIGTERM on `docker stop`.

const SHELLS = new Set(['sh', 'bash', 'ash'])

/** The shell's name if `program` (a path or a bare name) is one, else undefined. */
export function shellName(program: string | undefined): string | undefined {
  const name = program?.split('/').pop()
  return name !== undefined && SHELLS.has(name) ? name : undefined
}
