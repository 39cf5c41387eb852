// The catalogue of daemon errors with Docker's exact text and where upstream it comes from
// (moby v28.5.2). The CLI layer wraps them as the docker CLI does (`Error response from
// daemon: …`, `docker: …` + `Run 'docker run --help'…` for run/create).

import { formatIpv4, type Cidr, type Ipv4 } from '../model/ipv4'

export type DockerError = {
  /** Stable machine-readable kind, for tests and the UI. */
  readonly kind: string
  /** The daemon's message, byte for byte. */
  readonly message: string
}

const e = (kind: string, message: string): DockerError => ({ kind, message })

export const dockerErrors = {
  /** libnetwork/ipamapi/contract.go ErrNoMoreSubnets */
  poolExhausted: () =>
    e('pool-exhausted', 'all predefined address pools have been fully subnetted'),
  /** libnetwork/ipamapi/contract.go ErrPoolOverlap, wrapped by defaultipam RequestPool */
  poolOverlap: () =>
    e('pool-overlap', 'invalid pool request: Pool overlaps with other one on this address space'),
  /** libnetwork/ipamapi/contract.go ErrNoAvailableIPs */
  noAvailableIps: (_subnet: Cidr) => e('no-available-ips', 'no available addresses on this pool'),
  /** libnetwork/ipamapi/contract.go ErrIPAlreadyAllocated */
  addressInUse: () => e('address-in-use', 'Address already in use'),
  /** api/types/network/endpoint.go validateEndpointIPAddress */
  noSubnetForIp: (ip: Ipv4) =>
    e(
      'ip-out-of-subnet',
      `no configured subnet or ip-range contain the IP address ${formatIpv4(ip)}`,
    ),
  /** runconfig/errors.go ErrUnsupportedNetworkAndIP */
  ipOnDefaultNetwork: () =>
    e('ip-default-network', 'user specified IP address is supported on user defined networks only'),
  /** runconfig/errors.go ErrUnsupportedNetworkNoSubnetAndIP */
  ipWithoutSubnet: () =>
    e(
      'ip-without-subnet',
      'user specified IP address is supported only when connecting to networks with user configured subnets',
    ),
  /** runconfig/errors.go ErrUnsupportedNetworkAndAlias */
  aliasOnDefaultNetwork: () =>
    e(
      'alias-default-network',
      'network-scoped alias is supported only for containers in user defined networks',
    ),
  /** libnetwork/error.go ErrNoSuchNetwork */
  networkNotFound: (name: string) => e('network-not-found', `network ${name} not found`),
  /** libnetwork/error.go NetworkNameError */
  networkExists: (name: string) => e('network-exists', `network with name ${name} already exists`),
  /** daemon/network.go PredefinedNetworkError (the client trims the trailing space) */
  predefinedNetwork: (name: string) =>
    e('predefined-network', `operation is not permitted on predefined ${name} network`),
  /** daemon/network.go deleteNetwork */
  removePredefined: (name: string) =>
    e('remove-predefined', `${name} is a pre-defined network and cannot be removed`),
  /** libnetwork/error.go ActiveEndpointsError, wrapped by daemon/network.go (28.1+) */
  activeEndpoints: (network: string, endpoints: readonly { name: string; id: string }[]) =>
    e(
      'active-endpoints',
      `error while removing network: network ${network} has active endpoints (${endpoints
        .map((ep) => `name:${JSON.stringify(ep.name)} id:${JSON.stringify(ep.id.slice(0, 12))}`)
        .join(', ')})`,
    ),
  /** plugin/errors.go errNotFound */
  pluginNotFound: (driver: string) =>
    e('plugin-not-found', `plugin ${JSON.stringify(driver)} not found`),
  /** libnetwork/drivers/host/host.go, null/null.go */
  singleInstance: (driver: 'host' | 'null') =>
    e('single-instance', `only one instance of ${JSON.stringify(driver)} network is allowed`),
  /** api/types/network/ipam.go ValidateIPAM: one or more problems, joined as Go's errors.Join */
  invalidNetworkConfig: (problems: readonly string[]) =>
    e(
      'invalid-network-config',
      `invalid network config:\n${problems.length === 1 ? (problems[0] ?? '') : `* ${problems.join('\n* ')}`}`,
    ),
  /** container/view.go */
  noSuchContainer: (ref: string) => e('no-such-container', `No such container: ${ref}`),
  /** daemon/errors.go nameConflictError */
  nameConflict: (name: string, id: string) =>
    e(
      'name-conflict',
      `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`,
    ),
  /** daemon/names.go */
  invalidName: (name: string) =>
    e(
      'invalid-name',
      `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
    ),
  /** daemon/delete.go cleanupContainer */
  removeRunning: (ref: string, paused: boolean) =>
    e(
      'remove-running',
      paused
        ? `cannot remove container "${ref}": container is paused and must be unpaused first`
        : `cannot remove container "${ref}": container is running: stop the container before removing or force remove`,
    ),
  /** daemon/errors.go errNotRunning */
  notRunning: (id: string) => e('not-running', `container ${id} is not running`),
  /** daemon/pause.go */
  alreadyPaused: (id: string) => e('already-paused', `container ${id} is already paused`),
  notPaused: (id: string) => e('not-paused', `container ${id} is not paused`),
  /** libnetwork/network.go CreateEndpoint */
  endpointExists: (name: string, network: string) =>
    e('endpoint-exists', `endpoint with name ${name} already exists in network ${network}`),
  /** daemon/container_operations.go disconnectFromNetwork */
  notConnected: (id: string, network: string) =>
    e('not-connected', `container ${id} is not connected to network ${network}`),
  /** runconfig/errors.go */
  sharedNetns: () =>
    e(
      'shared-netns',
      'container sharing network namespace with another container or host cannot be connected to any other network',
    ),
  connectToHost: () =>
    e(
      'connect-host',
      'cannot connect container to host network - container must be created in host network mode',
    ),
  disconnectFromHost: () =>
    e(
      'disconnect-host',
      'cannot disconnect container from host network - container was created in host network mode',
    ),
  noneAndOthers: () =>
    e(
      'none-and-others',
      'container cannot be connected to multiple networks with one of the networks in private (none) mode',
    ),
  publishWithContainerNetwork: () =>
    e(
      'publish-container-mode',
      'conflicting options: port publishing and the container type network mode',
    ),
  hostNetworkAndLinks: () =>
    e(
      'host-links',
      "conflicting options: host type networking can't be used with links. This would result in undefined behavior",
    ),
  /** daemon/container_operations_unix.go setupLinkedContainers */
  linkToStopped: (child: string, alias: string) =>
    e('link-stopped', `Cannot link to a non running container: /${child} AS ${alias}`),
  /** libnetwork/portallocator: Bind for …: port is already allocated */
  portAllocated: (hostIp: string, port: number) =>
    e('port-allocated', `Bind for ${hostIp}:${port} failed: port is already allocated`),
  /** libnetwork/endpoint.go sbJoin: the port error wrapped with the endpoint */
  externalConnectivity: (containerName: string, endpointId: string, cause: DockerError) =>
    e(
      cause.kind,
      `driver failed programming external connectivity on endpoint ${containerName} (${endpointId}): ${cause.message}`,
    ),
  /** daemon/container_operations.go errSetupNetworking wrapper */
  setupNetworking: (cause: DockerError) =>
    e(cause.kind, `failed to set up container networking: ${cause.message}`),
  /** daemon/container_operations.go validateEndpointSettings wrapper */
  invalidEndpointSettings: (network: string, cause: DockerError) =>
    e(
      cause.kind,
      `invalid config for network ${network}: invalid endpoint settings:\n${cause.message}`,
    ),
  /** daemon/container_operations.go getNetworkedContainer */
  joinOwnNetns: () => e('join-own-netns', 'cannot join own network namespace'),
  joinNonRunning: (name: string, state: string) =>
    e(
      'join-non-running',
      `cannot join network namespace of a non running container: container ${name} is ${state}`,
    ),
  /** container/view.go: an ID prefix matching several containers */
  ambiguousContainer: (ref: string) =>
    e('ambiguous', `multiple IDs found with provided prefix: ${ref}`),
  /** Unknown image in the built-in catalogue is fine; a bad reference is not. */
  invalidReference: (ref: string) =>
    e('invalid-reference', `invalid reference format: repository name (${ref}) must be lowercase`),
} as const
