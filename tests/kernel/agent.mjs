// The kernel cross-check's hands inside a network namespace (started with `ip netns exec NS node
// agent.mjs …`): a tiny server standing in for what listens there, or one TCP/UDP probe.
//
//   node agent.mjs serve LABEL tcp:0.0.0.0:80 udp:0.0.0.0:5353 …   prints "ready" once every
//       socket is bound; answers each connection or datagram with `LABEL SOURCE`: who answered
//       and the source address the packet reached it with (after any NAT on the way)
//   node agent.mjs tcp|udp IP PORT TIMEOUT_MS   prints one JSON line {verdict, detail, by, saw}:
//       answered (TCP connected; UDP got an answer), refused (RST; ICMP port unreachable),
//       unreachable (ENETUNREACH, EHOSTUNREACH), no answer (timed out)

import dgram from 'node:dgram'
import net from 'node:net'

const [mode, ...args] = process.argv.slice(2)

const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH'])

/** A socket error as a verdict. */
function failed(e) {
  if (e.code === 'ECONNREFUSED') return report('refused', e.code)
  report(UNREACHABLE.has(e.code) ? 'unreachable' : 'no answer', e.code ?? e.message)
}

function report(verdict, detail, answer) {
  const [by, saw] = answer === undefined ? [] : answer.trim().split(' ')
  process.stdout.write(`${JSON.stringify({ verdict, detail, by, saw })}\n`)
  process.exit(0)
}

/** An IPv4 peer as Node gives it on a dual-stack socket: `::ffff:10.0.0.1` → `10.0.0.1`. */
const plain = (addr) => (addr ?? '').replace(/^::ffff:/, '')

function serve(label, specs) {
  let pending = specs.length
  const bound = () => {
    pending -= 1
    if (pending === 0) process.stdout.write('ready\n')
  }
  for (const spec of specs) {
    const [proto, host, port] = spec.split(':')
    if (proto === 'tcp') {
      const server = net.createServer((socket) => {
        socket.on('error', () => {})
        socket.end(`${label} ${plain(socket.remoteAddress)}\n`)
      })
      server.listen({ host, port: Number(port) }, bound)
    } else {
      const socket = dgram.createSocket('udp4')
      socket.on('message', (_msg, rinfo) =>
        socket.send(`${label} ${rinfo.address}\n`, rinfo.port, rinfo.address),
      )
      socket.bind({ address: host, port: Number(port) }, bound)
    }
  }
  if (specs.length === 0) bound()
  // Ends with its parent: the test closes stdin (or kills it) when the scenario is over.
  process.stdin.on('end', () => process.exit(0))
  process.stdin.resume()
}

function tcp(ip, port, timeout) {
  const socket = net.connect({ host: ip, port })
  socket.setTimeout(timeout, () => report('no answer', `no reply in ${timeout} ms`))
  let answer = ''
  socket.on('data', (d) => {
    answer += d.toString()
    if (answer.includes('\n')) report('answered', 'connected', answer)
  })
  socket.on('end', () => report('answered', 'connected', answer || undefined))
  socket.on('error', failed)
}

function udp(ip, port, timeout) {
  const socket = dgram.createSocket('udp4')
  setTimeout(() => report('no answer', `no reply in ${timeout} ms`), timeout)
  socket.on('message', (msg) => report('answered', 'got an answer', msg.toString()))
  // On a connected UDP socket the kernel reports ICMP errors: port unreachable as ECONNREFUSED.
  socket.on('error', failed)
  socket.connect(port, ip, (err) => {
    if (err) return failed(err)
    socket.send('probe', (e) => {
      if (e) failed(e)
    })
  })
}

if (mode === 'serve') serve(args[0], args.slice(1))
else if (mode === 'tcp' || mode === 'udp') {
  const [ip, port, timeout] = args
  ;(mode === 'tcp' ? tcp : udp)(ip, Number(port), Number(timeout))
} else {
  process.stderr.write('usage: agent.mjs serve LABEL SPEC… | tcp|udp IP PORT TIMEOUT_MS\n')
  process.exit(2)
}
