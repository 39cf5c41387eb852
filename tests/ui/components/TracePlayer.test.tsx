import { act, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  containerByName,
  endpointsOfContainer,
  hostId,
  traceProbe,
  type Trace,
} from '../../../src/engine'
import { PLAY_INTERVAL_MS, TracePlayer } from '../../../src/ui/components/TracePlayer/TracePlayer'
import { createTestLab } from '../../helpers/lab'

/** Pings c2 (same network) and c3 (another network) from c1. */
function traces(): { delivered: Trace; dropped: Trace } {
  const lab = createTestLab()
  for (const line of [
    'docker network create net1',
    'docker network create net2',
    'docker run -d --name c1 --network net1 busybox sleep 1000',
    'docker run -d --name c2 --network net1 busybox sleep 1000',
    'docker run -d --name c3 --network net2 busybox sleep 1000',
  ]) {
    const r = lab.run(line)
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`)
  }
  const host = hostId('host1')
  const daemon = lab.world.hosts[host]?.daemon
  if (!daemon) throw new Error('no daemon on host1')
  const container = (name: string) => {
    const c = containerByName(daemon, name)
    if (!c) throw new Error(`no container ${name}`)
    return c
  }
  const ip = (name: string): number => {
    const addr = endpointsOfContainer(daemon, container(name))[0]?.ipv4?.addr
    if (addr === undefined) throw new Error(`${name} has no address`)
    return addr
  }
  const from = { kind: 'container', host, container: container('c1').id } as const
  return {
    delivered: traceProbe(lab.world, { from, to: ip('c2'), proto: 'icmp' }),
    dropped: traceProbe(lab.world, { from, to: ip('c3'), proto: 'icmp' }),
  }
}

const { delivered, dropped } = traces()

function Harness({ trace, onClose = () => {} }: { trace: Trace; onClose?: () => void }) {
  const [step, setStep] = useState(0)
  return (
    <TracePlayer
      trace={trace}
      title="ping c2 from c1"
      step={step}
      onStep={setStep}
      onClose={onClose}
    />
  )
}

const rows = () =>
  within(screen.getByRole('listbox', { name: 'Trace events' })).getAllByRole('option')
const selected = () => rows().findIndex((r) => r.getAttribute('aria-selected') === 'true')
const pdu = () => screen.getByRole('complementary', { name: 'PDU details' })

describe('<TracePlayer>', () => {
  afterEach(() => vi.useRealTimers())

  it('lists one row per step, the first one current', () => {
    render(<Harness trace={delivered} />)
    expect(rows()).toHaveLength(delivered.steps.length)
    expect(selected()).toBe(0)
    expect(rows()[0]).toHaveTextContent(/^1host1:ns1\/l7route to 172\.18\.0\.3 dev eth0$/)
    expect(screen.getByRole('button', { name: 'Back' })).toBeDisabled()
    expect(within(pdu()).getByRole('region', { name: 'Route lookup' })).toHaveTextContent(
      '172.18.0.0/16 dev host1/l7 proto kernel scope link src 172.18.0.2',
    )
  })

  it('moves the highlight and the PDU pane with Forward and Back', async () => {
    render(<Harness trace={delivered} />)
    const arp = delivered.steps.findIndex((st) => st.kind === 'arp')
    for (let i = 0; i < arp; i++)
      await userEvent.click(screen.getByRole('button', { name: 'Forward' }))
    expect(selected()).toBe(arp)
    expect(within(pdu()).getByRole('region', { name: 'ARP' })).toHaveTextContent('172.18.0.3')
    // The next step puts the frame on the veth: now it has MAC addresses.
    await userEvent.click(screen.getByRole('button', { name: 'Forward' }))
    expect(selected()).toBe(arp + 1)
    const eth = within(pdu()).getByRole('region', { name: 'Ethernet' })
    expect(eth).toHaveTextContent(/Source MAC([0-9a-f]{2}:){5}[0-9a-f]{2}/)
    await userEvent.click(screen.getByRole('button', { name: 'Back' }))
    expect(selected()).toBe(arp)
    expect(within(pdu()).queryByRole('region', { name: 'Ethernet' })).toBeNull()
    expect(within(pdu()).getByRole('region', { name: 'IPv4' })).toHaveTextContent(
      'Source172.18.0.2Destination172.18.0.3ProtocolICMP',
    )
  })

  it('steps with the arrow keys when the list has focus', async () => {
    render(<Harness trace={delivered} />)
    screen.getByRole('listbox').focus()
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowLeft}')
    expect(selected()).toBe(1)
    await userEvent.keyboard('{End}')
    expect(selected()).toBe(delivered.steps.length - 1)
    expect(screen.getByRole('button', { name: 'Forward' })).toBeDisabled()
  })

  it('shows every rule of a netfilter step and the one that decided', async () => {
    render(<Harness trace={delivered} />)
    const at = delivered.steps.findIndex((s) => s.kind === 'netfilter' && s.hook === 'FORWARD')
    await userEvent.click(rows()[at] as HTMLElement)
    const walk = within(pdu()).getByRole('region', { name: 'Netfilter FORWARD' })
    const decides = within(walk).getByText('decides ACCEPT').closest('li')
    expect(decides).toHaveTextContent(/#5\s*-i br-[0-9a-f]{12} -j ACCEPT\s*matched/)
    expect(within(walk).getAllByText('not matched').length).toBeGreaterThan(0)
    expect(within(walk).getByText('filter DOCKER-FORWARD')).toBeTruthy()
  })

  it('says delivered in the verdict banner', () => {
    render(<Harness trace={delivered} />)
    expect(screen.getByRole('status', { name: 'Verdict' })).toHaveTextContent(/^Delivered$/)
  })

  it('says dropped with the reason, and shows the dropping rule', async () => {
    render(<Harness trace={dropped} />)
    expect(dropped.verdict).toBe('dropped')
    expect(screen.getByRole('status', { name: 'Verdict' })).toHaveTextContent(
      /^Dropped in PREROUTING by raw PREROUTING rule #3 \(-d 172\.19\.0\.2\/32 ! -i br-[0-9a-f]{12} -j DROP\)$/,
    )
    await userEvent.click(rows()[rows().length - 2] as HTMLElement)
    const walk = within(pdu()).getByRole('region', { name: 'Netfilter PREROUTING' })
    expect(within(walk).getByText('decides DROP').closest('li')).toHaveTextContent(/^#3/)
  })

  it('plays one step per interval and stops at the end', () => {
    vi.useFakeTimers()
    render(<Harness trace={dropped} />)
    fireEvent.click(screen.getByRole('button', { name: 'Play' }))
    const tick = (): void => {
      act(() => {
        vi.advanceTimersByTime(PLAY_INTERVAL_MS)
      })
    }
    tick()
    expect(selected()).toBe(1)
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy()
    for (let i = 0; i < dropped.steps.length; i++) tick()
    expect(selected()).toBe(dropped.steps.length - 1)
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy()
  })

  it('names places with `names` and closes', async () => {
    const onClose = vi.fn()
    render(
      <TracePlayer
        trace={delivered}
        title="ping c2 from c1"
        step={0}
        onStep={() => {}}
        onClose={onClose}
        names={(w) => (w.link === undefined ? `ns ${w.netns ?? '?'}` : `dev ${w.link}`)}
      />,
    )
    expect(rows()[0]).toHaveTextContent('dev l7')
    expect(pdu()).toHaveTextContent('dev l7 proto kernel')
    await userEvent.click(screen.getByRole('button', { name: 'Close trace' }))
    expect(onClose).toHaveBeenCalledOnce()
  })

  it('jumps with the scrub bar and marks the fields a step changed', () => {
    render(<Harness trace={delivered} />)
    const scrub = screen.getByRole('slider', { name: 'Step' })
    fireEvent.change(scrub, { target: { value: String(rows().length) } })
    expect(selected()).toBe(rows().length - 1)
    // Onto the next wire the frame gets new MACs; the IP header stays as it was.
    const firstWire = delivered.steps.findIndex((st, i) => i > 0 && st.packet.srcMac !== undefined)
    fireEvent.change(scrub, { target: { value: String(firstWire + 2) } })
    const ipv4 = within(pdu()).getByRole('region', { name: 'IPv4' })
    expect(within(ipv4).queryByText(/changed at this step/)).toBeNull()
  })

  it('offers play speeds', async () => {
    render(<Harness trace={delivered} />)
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Speed' }), '2')
    expect(screen.getByRole('combobox', { name: 'Speed' })).toHaveValue('2')
  })
})
