// What the simulated hosts run: versions shown by `docker version` and `docker info`.
// Docker Engine 28.5.2 (the version whose source the reference facts were read from).

export const ENGINE_VERSION = {
  version: '28.5.2',
  apiVersion: '1.51',
  minApiVersion: '1.24',
  goVersion: 'go1.24.9',
  clientCommit: 'ecc6942',
  serverCommit: '89c5e8f',
  built: 'Wed Nov  5 14:43:25 2025',
  os: 'linux',
  arch: 'amd64',
  containerd: { version: 'v1.7.28', commit: 'b98a3aace656320842a23f4a392a33f46af97866' },
  runc: { version: '1.3.0', commit: 'v1.3.0-0-g4ca628d1' },
  dockerInit: { version: '0.19.0', commit: 'de40ad0' },
  kernel: '6.8.0-86-generic',
  iproute2: 'iproute2-6.1.0',
} as const
