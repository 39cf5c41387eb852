import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { SnapshotRecord } from '../../../src/engine'
import { Inspector } from '../../../src/ui/components/Inspector/Inspector'
import { LabStoreContext } from '../../../src/ui/store/context'
import { createLabStore, type LabStore } from '../../../src/ui/store/lab-store'
import { createEngineClient } from '../../../src/worker/client'
import type { ExecReply } from '../../../src/worker/protocol'
import { loopbackTransport } from '../../helpers/loopback'

async function setup(lines: readonly string[] = []): Promise<LabStore> {
  const client = createEngineClient({ seed: 1, connect: loopbackTransport })
  const store = createLabStore(client)
  render(
    <LabStoreContext.Provider value={store}>
      <Inspector />
    </LabStoreContext.Provider>,
  )
  await act(() => client.ready)
  await act(() => store.getState().runLines(lines))
  return store
}

/** `api` (alpine) on the default bridge and on `app`, with the alias `backend` there. */
const TWO_NETWORKS = [
  'docker network create app',
  'docker run -d --name api alpine sleep 1000',
  'docker network connect --alias backend app api',
]

const recordOf = (store: LabStore, kind: SnapshotRecord['kind'], name: string): SnapshotRecord => {
  const r = Object.values(store.getState().snapshot?.records ?? {}).find(
    (x) => x.kind === kind && 'name' in x && x.name === name,
  )
  if (!r) throw new Error(`no ${kind} ${name}`)
  return r
}

const panel = (): HTMLElement => screen.getByRole('complementary', { name: 'Inspector' })
const region = (name: string): HTMLElement => within(panel()).getByRole('region', { name })

/** The value next to a row's label. */
const value = (scope: HTMLElement, label: string): string =>
  within(scope).getByText(label, { selector: 'dt, dt *' }).closest('div')?.querySelector('dd')
    ?.textContent ?? ''

/** The card whose heading is `name` (a network of a container, a container of a network). */
const card = (name: string): HTMLElement => {
  const found = within(panel()).getByRole('heading', { level: 4, name }).parentElement
  if (!found) throw new Error(`no card ${name}`)
  return found
}

/** Holds the answers to `docker inspect` until released; other queries pass through. */
function holdInspect(store: LabStore): () => void {
  const real = store.getState().queryCommand
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (release = resolve))
  let held = false
  store.setState({
    queryCommand: async (line): Promise<ExecReply> => {
      const reply = await real(line)
      if (line.startsWith('docker inspect') && !held) {
        held = true
        await gate
      }
      return reply
    },
  })
  return () => release()
}

describe('<Inspector>', () => {
  it('asks for a selection when nothing is selected', async () => {
    await setup()
    expect(screen.getByText('Click a node in the diagram to see its details.')).toBeTruthy()
  })

  it('shows a container on two networks, each card with its address, and links the network', async () => {
    const store = await setup(TWO_NETWORKS)
    act(() => store.getState().select(recordOf(store, 'container', 'api').id))
    expect(within(panel()).getByRole('heading', { level: 2, name: 'api' })).toBeTruthy()
    expect(within(panel()).getByText('alpine · running')).toBeTruthy()
    await waitFor(() => expect(value(card('app'), 'Gateway')).toBe('172.18.0.1'))
    expect(value(card('app'), 'IP address')).toBe('172.18.0.2/16')
    expect(value(card('app'), 'Aliases')).toBe('backend')
    expect(value(card('app'), 'DNS names')).toMatch(/^api, backend, [0-9a-f]{12}$/)
    expect(value(card('bridge'), 'IP address')).toBe('172.17.0.2/16')
    expect(value(card('bridge'), 'Gateway')).toBe('172.17.0.1')
    expect(value(region('State'), 'PID')).toMatch(/^\d+$/)
    expect(value(region('Network mode'), 'Mode')).toBe('bridge')
    // ip addr as the container's busybox prints it, and the raw JSON folded away.
    await waitFor(() =>
      expect(within(region('ip addr')).getByText(/inet 172\.18\.0\.2\/16/)).toBeTruthy(),
    )
    expect(within(region('ip addr')).getByText('docker exec api ip addr')).toBeTruthy()
    expect(within(panel()).getByText(/"Name": "\/api"/)).toBeTruthy()

    await userEvent.click(within(card('app')).getByRole('button', { name: 'eth1' }))
    expect(store.getState().selected).toBe(
      Object.values(store.getState().snapshot?.records ?? {}).find(
        (r) => r.kind === 'interface' && r.name === 'eth1',
      )?.id,
    )
    act(() => store.getState().select(recordOf(store, 'container', 'api').id))
    await userEvent.click(within(card('app')).getByRole('button', { name: 'app' }))
    expect(store.getState().selected).toBe(recordOf(store, 'network', 'app').id)
    expect(within(panel()).getByRole('heading', { level: 2, name: 'app' })).toBeTruthy()
  })

  it('shows a placeholder while docker inspect runs, then fills it in', async () => {
    const store = await setup(TWO_NETWORKS)
    const release = holdInspect(store)
    act(() => store.getState().select(recordOf(store, 'container', 'api').id))
    // Known from the snapshot at once; the rest waits, in the same rows (no jump).
    expect(value(card('app'), 'IP address')).toBe('172.18.0.2/16')
    expect(value(card('app'), 'Gateway')).toBe('…')
    expect(panel()).toHaveAttribute('aria-busy', 'true')
    act(() => release())
    await waitFor(() => expect(value(card('app'), 'Gateway')).toBe('172.18.0.1'))
    expect(panel()).toHaveAttribute('aria-busy', 'false')
  })

  it('refetches when the container changes and ignores the older answer', async () => {
    const store = await setup(TWO_NETWORKS)
    const release = holdInspect(store)
    act(() => store.getState().select(recordOf(store, 'container', 'api').id))
    await act(() => store.getState().runCommand('docker network create extra'))
    await act(() => store.getState().runCommand('docker network connect --alias late extra api'))
    await waitFor(() => expect(value(card('extra'), 'Aliases')).toBe('late'))
    act(() => release())
    await new Promise((r) => setTimeout(r, 20))
    expect(value(card('extra'), 'Aliases')).toBe('late')
  })

  it('shows a network with its options, its bridge and its containers', async () => {
    const store = await setup(TWO_NETWORKS)
    act(() => store.getState().select(recordOf(store, 'network', 'bridge').id))
    expect(within(panel()).getByText('Docker network · bridge driver')).toBeTruthy()
    expect(value(region('Network'), 'Subnet')).toBe('172.17.0.0/16')
    expect(value(region('Network'), 'Bridge')).toBe('docker0')
    await waitFor(() =>
      expect(value(region('Options'), 'com.docker.network.bridge.name')).toBe('docker0'),
    )
    expect(value(card('api'), 'IPv4 address')).toBe('172.17.0.2/16')
    expect(value(card('api'), 'MAC')).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/)
    await userEvent.click(within(card('api')).getByRole('button', { name: 'api' }))
    expect(store.getState().selected).toBe(recordOf(store, 'container', 'api').id)
  })

  it('shows an interface with links to its bridge, its peer and the peer’s container', async () => {
    const store = await setup(TWO_NETWORKS)
    const records = Object.values(store.getState().snapshot?.records ?? {})
    const veth = records.find(
      (r) => r.kind === 'interface' && r.master === recordOf(store, 'interface', 'docker0').id,
    )
    if (veth?.kind !== 'interface' || veth.peer === undefined) throw new Error('no veth')
    act(() => store.getState().select(veth.id))
    expect(within(panel()).getByText('veth (virtual Ethernet pair end)')).toBeTruthy()
    const links = region('Connections')
    await userEvent.click(within(links).getByRole('button', { name: 'eth0' }))
    expect(store.getState().selected).toBe(veth.peer)
    act(() => store.getState().select(veth.id))
    await userEvent.click(within(region('Connections')).getByRole('button', { name: 'api' }))
    expect(store.getState().selected).toBe(recordOf(store, 'container', 'api').id)
    act(() => store.getState().select(veth.id))
    await userEvent.click(within(region('Connections')).getByRole('button', { name: 'docker0' }))
    expect(store.getState().selected).toBe(recordOf(store, 'interface', 'docker0').id)
    // docker0 lives in the host's namespace: ip addr runs at the host's prompt.
    expect(value(region('Interface'), 'Namespace')).toBe('host network namespace')
    expect(within(region('ip addr')).getByText('ip addr show dev docker0')).toBeTruthy()
    await waitFor(() =>
      expect(within(region('ip addr')).getByText(/inet 172\.17\.0\.1\/16 brd/)).toBeTruthy(),
    )
  })

  it('links a container in container:other mode to the other container', async () => {
    const store = await setup([
      'docker run -d --name web nginx',
      'docker run -d --name side --network container:web busybox sleep 1000',
    ])
    act(() => store.getState().select(recordOf(store, 'container', 'side').id))
    const mode = region('Network mode')
    expect(value(mode, 'Mode')).toBe('container:web')
    expect(within(region('Networks')).getByText(/Uses the networks of the container/)).toBeTruthy()
    await userEvent.click(within(mode).getByRole('button', { name: 'web' }))
    expect(store.getState().selected).toBe(recordOf(store, 'container', 'web').id)
    expect(value(region('Network mode'), 'Shared with')).toBe('side')
  })

  it('shows a short note when a query fails, and no placeholders left', async () => {
    const store = await setup(TWO_NETWORKS)
    store.setState({
      queryCommand: () =>
        Promise.resolve({
          stdout: '[]\n',
          stderr: 'Error response from daemon: No such container: api\n',
          exitCode: 1,
          prompt: '',
        }),
    })
    act(() => store.getState().select(recordOf(store, 'container', 'api').id))
    await waitFor(() => expect(within(panel()).getAllByText('No such container: api')).toBeTruthy())
    expect(value(card('app'), 'Gateway')).toBe('—')
    expect(within(panel()).queryByText(/Raw JSON/)).toBeNull()
  })

  it('shows the hint for a removed or unknown node', async () => {
    const store = await setup(['docker run -d --name gone busybox sleep 1000'])
    act(() => store.getState().select(recordOf(store, 'container', 'gone').id))
    expect(within(panel()).getByRole('heading', { level: 2, name: 'gone' })).toBeTruthy()
    await act(() => store.getState().runCommand('docker rm -f gone'))
    expect(within(panel()).getByText(/That node is gone/)).toBeTruthy()
    expect(screen.getByText('Click a node in the diagram to see its details.')).toBeTruthy()
    act(() => store.getState().select('container:host1/000000000000'))
    expect(within(panel()).getByText(/That node is gone/)).toBeTruthy()
  })

  it('follows a link from an interface to the segment it is cabled to', async () => {
    const store = await setup()
    act(() => store.getState().select('link:host1/l1'))
    await userEvent.click(screen.getByRole('button', { name: 'lan' }))
    expect(store.getState().selected).toBe('segment:lan')
    expect(screen.getByRole('heading', { name: 'LAN 10.10.0.0/24' })).toBeTruthy()
    expect(value(region('Connected NICs'), 'eth0')).toBe('host1 · 10.10.0.11/24')
  })
})
