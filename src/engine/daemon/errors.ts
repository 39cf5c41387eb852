// The catalogue of daemon errors, with Docker's exact text and where upstream it comes from.
// The CLI layer wraps them the way the docker CLI does (`Error response from daemon: …`).

export type DockerError = {
  /** Stable machine-readable kind, for tests and the UI. */
  readonly kind: DockerErrorKind
  /** The daemon's message, byte for byte. */
  readonly message: string
}

export type DockerErrorKind = 'pool-exhausted' | 'network-not-found'

export const dockerErrors = {
  /** moby libnetwork/ipamapi/contract.go ErrNoMoreSubnets */
  poolExhausted: (): DockerError => ({
    kind: 'pool-exhausted',
    message: 'all predefined address pools have been fully subnetted',
  }),
  /** moby libnetwork/error.go ErrNoSuchNetwork */
  networkNotFound: (name: string): DockerError => ({
    kind: 'network-not-found',
    message: `network ${name} not found`,
  }),
} as const
