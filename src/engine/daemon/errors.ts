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
  // Swarm mode (moby daemon/cluster, swarmkit; texts as the 28.x daemon returns them).
  /** daemon/cluster/errors.go errNoManager / errNoSwarm */
  notSwarmManager: () =>
    e(
      'not-swarm-manager',
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
    ),
  /** daemon/cluster/errors.go errNoManager (on a worker) */
  workerNotManager: () =>
    e(
      'worker-not-manager',
      "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.",
    ),
  /** daemon/cluster/errors.go errSwarmExists */
  alreadyInSwarm: () =>
    e(
      'swarm-exists',
      'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.',
    ),
  /** daemon/cluster/errors.go errNoSwarm */
  notInSwarm: () => e('no-swarm', 'This node is not part of a swarm'),
  /**
   * daemon/cluster/swarm.go Leave: a manager without --force, with `managers` reachable ones
   * (itself included). The last manager's message keeps its trailing space.
   */
  leaveManager: (managers: number) => {
    const start =
      'You are attempting to leave the swarm on a node that is participating as a manager. '
    if (managers <= 1)
      return e(
        'leave-manager',
        `${start}Removing the last manager erases all current state of the swarm. Use \`--force\` to ignore this message. `,
      )
    // utils.go removingManagerCausesLossOfQuorum(reachable, 0): reachable-2 <= 0
    const quorum =
      managers - 2 <= 0
        ? `Removing this node leaves ${managers - 1} managers out of ${managers}. Without a Raft quorum your swarm will be inaccessible. `
        : ''
    return e(
      'leave-manager',
      `${start}${quorum}The only way to restore a swarm that has lost consensus is to reinitialize it with \`--force-new-cluster\`. Use \`--force\` to suppress this message.`,
    )
  },
  /** swarmkit ca/config.go ParseJoinToken */
  invalidJoinToken: () => e('invalid-join-token', 'invalid join token'),
  /**
   * daemon/cluster/listen_addr.go errMultipleIPs (two addresses: `A on eth0 and B on eth1`), with
   * the hint docker/cli swarm/init.go appends.
   */
  multipleAddresses: (list: string) =>
    e(
      'advertise-ambiguous',
      `could not choose an IP address to advertise since this system has multiple addresses on different interfaces (${list}) - specify one with --advertise-addr`,
    ),
  /** daemon/cluster/listen_addr.go errBadAdvertiseAddr */
  advertiseAddress: () =>
    e(
      'advertise-address',
      'advertise address must be a non-zero IP address or network interface (with optional port number)',
    ),
  /** daemon/cluster/listen_addr.go: `--advertise-addr ethX` naming no interface */
  noSuchInterface: () => e('no-such-interface', 'no such interface'),
  /** swarmkit ca/server.go IssueNodeCertificate: the token's secret is not this swarm's */
  wrongJoinToken: () =>
    e(
      'wrong-join-token',
      'rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster',
    ),
  /** swarmkit: joining with a token of another swarm or an address with no manager */
  joinTimeout: () =>
    e(
      'join-timeout',
      'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.',
    ),

  /** daemon/network.go deleteNetwork on a worker */
  removeFromWorker: (name: string) =>
    e(
      'remove-from-worker',
      `Cannot remove a multi-host network from a worker node. Please remove the network ${name} from a manager node.`,
    ),
  /** swarmkit controlapi/network.go RemoveNetwork: a container's attachment task uses it */
  networkInUseByTask: (networkId: string, taskId: string) =>
    e(
      'network-in-use',
      `rpc error: code = FailedPrecondition desc = network ${networkId} is in use by task ${taskId}`,
    ),
  /** swarm commands on a Docker 1.9 cluster-store world (swarm mode came in 1.12) */
  kvStoreMode: (store: string) =>
    e(
      'kv-store-mode',
      `this world runs Docker 1.9's multi-host networking (--cluster-store=${store}): swarm mode is not available here`,
    ),
  /** daemon/cluster/helpers.go getService */
  serviceNotFound: (ref: string) => e('service-not-found', `service ${ref} not found`),
  /** swarmkit controlapi/service.go CreateService: store.ErrNameConflict */
  serviceExists: (name: string) =>
    e(
      'service-exists',
      `rpc error: code = AlreadyExists desc = name conflicts with an existing object: service ${name} already exists`,
    ),
  /** swarmkit controlapi/service.go checkPortConflicts */
  portInUseByService: (port: number, name: string, id: string) =>
    e(
      'port-in-use',
      `rpc error: code = InvalidArgument desc = port '${port}' is already in use by service '${name}' (${id}) as an ingress port`,
    ),
  /** swarmkit controlapi: dnsrr with an ingress-published port */
  dnsrrWithIngress: () =>
    e(
      'dnsrr-ingress',
      "rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode",
    ),
  /** daemon/cluster/networks.go populateNetworkID: a local network */
  localNetworkForService: (name: string) =>
    e(
      'local-network-service',
      `The network ${name} cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.`,
    ),
  /** one cluster per world (the lab does not model two swarms side by side) */
  secondSwarm: () =>
    e(
      'second-swarm',
      'this lab runs one swarm per world: join the existing one with "docker swarm join"',
    ),
  /** daemon/cluster/networks.go AttachNetwork */
  notAttachable: (name: string) =>
    e(
      'not-attachable',
      `Could not attach to network ${name}: rpc error: code = PermissionDenied desc = network ${name} not manually attachable`,
    ),

  // The macvlan and ipvlan drivers (moby v28.5.2 libnetwork/drivers/macvlan, drivers/ipvlan).
  /** macvlan_network.go parseNetworkOptions: `-o macvlan_mode` not bridge/private/vepa/passthru */
  macvlanMode: (mode: string) =>
    e(
      'macvlan-mode',
      `requested macvlan mode '${mode}' is not valid, 'bridge' mode is the macvlan driver default`,
    ),
  /** ipvlan_network.go parseNetworkOptions: `-o ipvlan_mode` not l2/l3/l3s */
  ipvlanMode: (mode: string) =>
    e(
      'ipvlan-mode',
      `requested ipvlan mode '${mode}' is not valid, 'l2' mode is the ipvlan driver default`,
    ),
  /** ipvlan_network.go parseNetworkOptions: `-o ipvlan_flag` not bridge/private/vepa */
  ipvlanFlag: (flag: string) =>
    e(
      'ipvlan-flag',
      `requested ipvlan flag '${flag}' is not valid, 'bridge' is the ipvlan driver default`,
    ),
  /** macvlan_network.go / ipvlan_network.go parseNetworkOptions: `-o parent=lo` */
  loopbackParent: (driver: 'macvlan' | 'ipvlan') =>
    e('loopback-parent', `loopback interface is not a valid ${driver} parent link`),
  /** macvlan_setup.go / ipvlan_setup.go createVlanLink: a missing parent without a `.` */
  vlanName: (parent: string) =>
    e('vlan-name', `invalid subinterface vlan name ${parent}, example formatting is eth0.10`),
  /** macvlan_setup.go / ipvlan_setup.go parseVlan: more than one `.` */
  vlanFormat: (parent: string) =>
    e(
      'vlan-format',
      `required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead received ${parent}`,
    ),
  /** macvlan_setup.go / ipvlan_setup.go parseVlan: strconv.Atoi failed on what follows the `.` */
  vlanId: (text: string) =>
    e('vlan-id', `unable to parse a valid vlan id from: ${text} (ex. eth0.10 for vlan 10)`),
  /** macvlan_setup.go / ipvlan_setup.go parseVlan: `eth9.10` where eth9 does not exist */
  vlanParentMissing: (parent: string) =>
    e('vlan-parent-missing', `-o parent interface was not found on the host: ${parent}`),
  /** macvlan_setup.go / ipvlan_setup.go createVlanLink */
  vlanIdRange: (id: number | bigint) =>
    e('vlan-id-range', `vlan id must be between 1-4094, received: ${id}`),
  /** macvlan_network.go createNetwork: passthru asked on a parent another network uses */
  passthruParentInUse: (networkId: string, parent: string) =>
    e(
      'parent-in-use',
      `cannot use mode passthru, macvlan network ${networkId} is already using parent interface ${parent}`,
    ),
  /** macvlan_network.go createNetwork: the parent's other network is in passthru mode */
  parentInPassthru: (networkId: string, parent: string) =>
    e(
      'parent-in-use',
      `macvlan network ${networkId} is already using parent interface ${parent} in mode passthru`,
    ),
  /** ipvlan_network.go createNetwork: one ipvlan network per parent (`di-` + the other's id12) */
  ipvlanParentInUse: (dummyName: string, parent: string) =>
    e('parent-in-use', `network ${dummyName} is already using parent interface ${parent}`),
  /** macvlan_setup.go createMacVlan / ipvlan_setup.go createIPVlan: the parent went away */
  lowerParentMissing: (parent: string) =>
    e(
      'parent-missing',
      `the requested parent interface ${parent} was not found on the Docker host`,
    ),
  /**
   * createMacVlan / createIPVlan: the kernel refused the child (netlink errno text): `device or
   * resource busy` on a parent taken by the other driver or a bridge, `invalid argument` for a
   * second child of a passthru macvlan.
   */
  lowerPort: (driver: 'macvlan' | 'ipvlan', errno: string) =>
    e('lower-port', `failed to create the ${driver} port: ${errno}`),
} as const
