// `-p/--publish` specs as the docker CLI parses them (github.com/docker/go-connections/nat
// ParsePortSpec): `[ip:][hostPort[-end]:]containerPort[-end][/proto]`, IPv6 host IPs in
// brackets. A container range maps pairwise onto a host range of the same size; a single
// container port may take a host range (Docker picks the first free port in it).

import { err, ok, type Result } from '../../lib/result'
import { parseIpv4, type PortBinding, type Proto } from '../../engine'

function parseRange(
  text: string,
  what: 'containerPort' | 'hostPort',
): Result<[number, number], string> {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text)
  const lo = Number(m?.[1])
  const hi = m?.[2] === undefined ? lo : Number(m[2])
  if (!m || lo > 65535 || hi > 65535 || hi < lo || (what === 'containerPort' && lo === 0)) {
    return err(`invalid ${what}: ${text}`)
  }
  return ok([lo, hi])
}

export function parsePublish(spec: string): Result<PortBinding[], string> {
  const slash = spec.lastIndexOf('/')
  const proto = slash >= 0 ? spec.slice(slash + 1) : 'tcp'
  const body = slash >= 0 ? spec.slice(0, slash) : spec
  if (!['tcp', 'udp', 'sctp'].includes(proto)) return err(`invalid proto: ${proto}`)
  let ip = ''
  let rest = body
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(body)
  if (bracket) {
    ip = bracket[1] ?? ''
    rest = bracket[2] ?? ''
  } else {
    const parts = body.split(':')
    if (parts.length > 3) return err(`invalid port format: ${spec}`)
    if (parts.length === 3) {
      ip = parts[0] ?? ''
      rest = `${parts[1] ?? ''}:${parts[2] ?? ''}`
    }
  }
  if (ip !== '' && !ip.includes(':') && parseIpv4(ip) === undefined)
    return err(`invalid IP address: ${ip}`)
  const [hostText = '', containerText = ''] = rest.includes(':') ? rest.split(':') : ['', rest]
  const ctr = parseRange(containerText, 'containerPort')
  if (!ctr.ok) return ctr
  let hostLo = 0
  let hostHi = 0
  if (hostText !== '') {
    const h = parseRange(hostText, 'hostPort')
    if (!h.ok) return h
    ;[hostLo, hostHi] = h.value
  }
  const [ctrLo, ctrHi] = ctr.value
  const count = ctrHi - ctrLo + 1
  if (hostText !== '' && count > 1 && hostHi - hostLo + 1 !== count) {
    return err(
      `invalid ranges specified for container and host Ports: ${containerText} and ${hostText}`,
    )
  }
  const out: PortBinding[] = []
  for (let i = 0; i < count; i++) {
    const single = count === 1
    out.push({
      proto: proto as Proto,
      containerPort: ctrLo + i,
      hostIp: ip,
      hostPort: hostText === '' ? 0 : single ? hostLo : hostLo + i,
      hostPortEnd: hostText === '' ? 0 : single ? hostHi : hostLo + i,
    })
  }
  return ok(out)
}
