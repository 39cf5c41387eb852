// The UDP datagrams a command sends (DNS queries), kept per run and accounted when it ends: the
// kernels on the way learn the neighbours, track the flows, and count the packets, in one
// transaction, as the dialer does for TCP connections.

import {
  accountExchange,
  learnFromTrace,
  udpTraffic,
  type Exchange,
  type KernelOp,
} from '../../../engine'
import type { CommandContext } from '../../context'
import { withTraces } from '../../output'
import type { Program } from '../../program'

type Datagram = { readonly exchange: Exchange; readonly sent: number; readonly received: number }

const sentBy = new WeakMap<CommandContext, Datagram[]>()

/** Records a datagram of `sent` data bytes and, when the exchange has a reply, `received` back. */
export function sendDatagram(
  ctx: CommandContext,
  exchange: Exchange,
  sent: number,
  received: number,
): void {
  sentBy.get(ctx)?.push({ exchange, sent, received })
}

/** `program`, with the datagrams it sends accounted once it returns. */
export function withDatagrams(program: Program): Program {
  return (ctx, argv) => {
    const own: CommandContext = { ...ctx }
    const sent: Datagram[] = []
    sentBy.set(own, sent)
    const result = program(own, argv)
    const world = ctx.engine.world
    const ops: KernelOp[] = sent.flatMap((d) => [
      ...learnFromTrace(world, d.exchange.request),
      ...accountExchange(world, d.exchange, udpTraffic(d.exchange, d.sent, d.received)),
    ])
    if (ops.length) {
      ctx.engine.transact((tx) => {
        for (const op of ops) tx.apply(op)
        return { ok: true, value: undefined }
      })
    }
    // What the player shows: each query there and back.
    return withTraces(
      result,
      sent.flatMap((d) =>
        d.exchange.reply ? [d.exchange.request, d.exchange.reply] : [d.exchange.request],
      ),
    )
  }
}
