// The "PDU details" pane: the packet at the current step, layer by layer, then what this step
// decided (the route, the ARP answer, the bridge's FDB, the netfilter walk, the delivery).

import type { LinkId, TraceStep, Where } from '../../../engine'
import { exhaustive } from '../../../lib/assert'
import { formatIp, protoText, routeText, whereText, type NameOf } from './format'
import { NetfilterWalk } from './NetfilterWalk'

type Row = readonly [label: string, value: string]

/**
 * One layer's fields; those whose value differs from the previous step's (a NAT rewrite, new
 * MACs on the next wire) are marked, for the eye and for screen readers.
 */
function Layer({
  title,
  rows,
  before,
}: {
  title: string
  rows: readonly Row[]
  before?: readonly Row[] | undefined
}) {
  const old = new Map(before ?? [])
  return (
    <section className="trace-pdu__section" aria-label={title}>
      <h4 className="trace-pdu__layer">{title}</h4>
      <dl className="trace-pdu__rows">
        {rows.map(([label, value]) => {
          const changed = before !== undefined && old.get(label) !== value
          return (
            <div
              className={`trace-pdu__row${changed ? ' trace-pdu__row--changed' : ''}`}
              key={label}
            >
              <dt>{label}</dt>
              <dd>
                {value}
                {changed && <span className="trace-pdu__changed"> (changed at this step)</span>}
              </dd>
            </div>
          )
        })}
      </dl>
    </section>
  )
}

function packetLayers(p: TraceStep['packet']): { ethernet: Row[]; ip: Row[]; l4: Row[] } {
  const ethernet: Row[] = [
    ...(p.srcMac === undefined ? [] : [['Source MAC', p.srcMac] as Row]),
    ...(p.dstMac === undefined ? [] : [['Destination MAC', p.dstMac] as Row]),
  ]
  const ip: Row[] = [
    ['Source', formatIp(p.src)],
    ['Destination', formatIp(p.dst)],
    ['Protocol', protoText(p)],
  ]
  const l4: Row[] =
    p.proto === 'icmp'
      ? [['Type', '8 (echo request)']]
      : [
          ['Source port', p.sport === undefined ? '-' : String(p.sport)],
          ['Destination port', p.dport === undefined ? '-' : String(p.dport)],
        ]
  return { ethernet, ip, l4 }
}

const FDB: Record<'hit' | 'flood' | 'local', string> = {
  hit: 'hit: the destination MAC was learnt on a port',
  flood: 'unknown destination MAC: flooded to every port',
  local: 'the frame is for the bridge itself: up to the host',
}

const OUTCOME: Record<Extract<TraceStep, { kind: 'deliver' }>['outcome'], string> = {
  accepted: 'accepted by a listening socket',
  'echo-reply': 'the kernel answers with an echo reply',
  'tcp-rst': 'no socket listens: the kernel answers with TCP RST',
  'icmp-port-unreachable': 'no socket listens: ICMP port unreachable',
}

/** What the step itself decided, as label/value rows. */
function stepRows(s: TraceStep, dev: (link: LinkId) => string): [string, Row[]] {
  switch (s.kind) {
    case 'route':
      if (s.local) return ['Route lookup', [['Table', 'local: the address is this host’s']]]
      return ['Route lookup', [['Route', s.route ? routeText(s.route, dev(s.route.dev)) : 'none']]]
    case 'arp': {
      const a = s.answer
      const answer =
        a === undefined
          ? 'no answer'
          : a.kind === 'link'
            ? `${dev(a.link)} is at ${a.mac}`
            : `the ${a.kind === 'router' ? 'LAN router' : 'LAN machine'} on ${a.segment}`
      return [
        'ARP',
        [
          ['Who has', formatIp(s.ip)],
          ['Answer', answer],
        ],
      ]
    }
    case 'bridge':
      return [
        'Bridge',
        [
          ['Bridge', dev(s.bridge)],
          ['In port', s.inPort === undefined ? '-' : dev(s.inPort)],
          ['Out port', s.outPort === undefined ? 'none (up to the host)' : dev(s.outPort)],
          ['FDB', FDB[s.fdb]],
        ],
      ]
    case 'veth':
      return [
        'veth pair',
        [
          ['From', dev(s.from.link)],
          ['To', dev(s.to.link)],
        ],
      ]
    case 'deliver': {
      const sock = s.socket && `${s.socket.proto} ${s.socket.local}:${s.socket.port}`
      return [
        'Delivery',
        [['Outcome', OUTCOME[s.outcome]], ...(sock ? [['Socket', sock] as Row] : [])],
      ]
    }
    case 'drop':
      return ['Drop', [['Reason', s.reason]]]
    case 'egress':
      return [
        'Egress',
        [
          ['Segment', s.segment],
          ['Towards', s.to === 'lan' ? 'the LAN' : 'the Internet'],
        ],
      ]
    case 'netfilter':
      return ['Netfilter', []]
    case 'ipvs':
      return [
        'IPVS',
        [
          ['Service', `FWM ${s.fwmark} rr (firewall mark 0x${s.fwmark.toString(16)})`],
          ['Real server', `${formatIp(s.dest)} (one of ${s.of}, Masq: destination NAT)`],
        ],
      ]
    case 'tunnel':
      return [
        s.dir === 'encap' ? 'VXLAN encapsulation' : 'VXLAN decapsulation',
        [
          ['Device', s.where.link === undefined ? '-' : dev(s.where.link)],
          ['VNI', String(s.vni)],
          [s.dir === 'encap' ? 'Remote node' : 'From node', formatIp(s.peer)],
          [
            'MTU',
            `${s.mtu.inner} (overlay) + ${s.mtu.overhead} (outer Ethernet 14, IP 20, UDP 8, VXLAN 8) = ${s.mtu.underlay} (underlay)`,
          ],
          ...(s.esp ? [['Encryption', 'IPsec ESP, transport mode (AES-GCM)'] as Row] : []),
        ],
      ]
    default:
      return exhaustive(s)
  }
}

export type PduDetailsProps = {
  readonly step: TraceStep
  /** The step before, to mark the fields this one changed. */
  readonly previous?: TraceStep | undefined
  readonly names?: NameOf
}

export function PduDetails({ step, previous, names }: PduDetailsProps) {
  const p = step.packet
  const host = step.where.host
  const dev = (link: LinkId): string => {
    const w: Where = host === undefined ? { link } : { host, link }
    return names ? names(w) : whereText(w)
  }
  const [title, rows] = stepRows(step, dev)
  const decided =
    step.kind === 'netfilter' ? <NetfilterWalk step={step} /> : <Layer title={title} rows={rows} />
  const t = p.tunnel
  if (t) {
    // An encapsulated packet: the outer headers around the VXLAN header and the inner frame,
    // drawn as nested envelopes.
    const outer = packetLayers(p)
    const inner = packetLayers(t.inner)
    const before = previous?.packet.tunnel ? packetLayers(previous.packet) : undefined
    return (
      <div className="trace-pdu">
        <div className="trace-pdu__envelope" aria-label="outer packet">
          {outer.ethernet.length > 0 && (
            <Layer title="Outer Ethernet" rows={outer.ethernet} before={before?.ethernet} />
          )}
          <Layer title="Outer IPv4" rows={outer.ip} before={before?.ip} />
          <Layer title="Outer UDP" rows={outer.l4} before={before?.l4} />
          {t.esp && (
            <Layer
              title="ESP"
              rows={[['Encrypts', 'the UDP payload (VXLAN and the inner frame)']]}
            />
          )}
          <Layer
            title="VXLAN"
            rows={[
              ['VNI', String(t.vni)],
              ['Flags', 'I (a valid VNI)'],
            ]}
          />
          <div className="trace-pdu__envelope trace-pdu__envelope--inner" aria-label="inner frame">
            <Layer title="Inner Ethernet" rows={inner.ethernet} />
            <Layer title="Inner IPv4" rows={inner.ip} />
            <Layer title={`Inner ${protoText(t.inner)}`} rows={inner.l4} />
          </div>
        </div>
        {decided}
      </div>
    )
  }
  const now = packetLayers(p)
  const then = previous && !previous.packet.tunnel ? packetLayers(previous.packet) : undefined
  return (
    <div className="trace-pdu">
      {now.ethernet.length > 0 && (
        <Layer
          title="Ethernet"
          rows={now.ethernet}
          before={then?.ethernet.length ? then.ethernet : undefined}
        />
      )}
      <Layer title="IPv4" rows={now.ip} before={then?.ip} />
      <Layer title={protoText(p)} rows={now.l4} before={then?.l4} />
      {decided}
    </div>
  )
}
