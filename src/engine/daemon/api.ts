// The daemon's operations, as the CLI (and later the compose importer and the UI's palette)
// call them inside `engine.transact`. Each takes the command's OpContext and the host.

export {
  containerRequest,
  createContainer,
  pauseContainer,
  renameContainer,
  type ContainerCreateRequest,
} from './containers'
export { containerNetns, findContainer } from './container-records'
export { containerByPid } from './queries'
export { startContainer, stopContainer, removeContainer } from './lifecycle'
export { connectContainer, disconnectContainer, type NetworkRequest } from './attachments'
export {
  activeEndpoints,
  createNetwork,
  findNetwork,
  primaryPool,
  pruneNetworks,
  removeNetwork,
  requireNetwork,
  type IpamRequest,
  type NetworkCreateRequest,
} from './networks'
export { endpointsOf, gatewayEndpoint } from './endpoints'
export { requestedBindings } from './ports'
export { resolveName, usesEmbeddedDns, dnsNames, type DnsAnswer } from './dns/embedded-dns'
export { resolveImage, psImageColumn, containerCommand, type ImageInfo } from './images'
export { swarmInit, swarmJoin, swarmLeave, SWARM_PORT, INGRESS_SBOX } from './swarm/swarm'
export { clusterNetwork, nodeOf } from './swarm/cluster'
export { macFromIp, overlayMtu, VXLAN_OVERHEAD, VXLAN_PORT } from './drivers/overlay'
export { GWBRIDGE } from './drivers/gwbridge'
export {
  findService,
  serviceCreate,
  serviceRemove,
  serviceScale,
  type ServiceCreateRequest,
} from './swarm/services'
