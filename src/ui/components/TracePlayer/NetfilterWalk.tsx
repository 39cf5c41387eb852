// A netfilter step in the PDU pane: every chain the packet entered, every rule tried (matched or
// not, with the match that failed), jumps and returns indented, and what decided the hook.

import type { ChainStep, TraceStep } from '../../../engine'
import { exhaustive } from '../../../lib/assert'
import { decidingIndex, headersText, matchText, targetText } from './format'

type NetfilterStep = Extract<TraceStep, { kind: 'netfilter' }>

/** Each chain step with its jump depth: built-in chains at 0, user chains one deeper per jump. */
function withDepth(hook: string, chain: readonly ChainStep[]): [ChainStep, number][] {
  let depth = 0
  return chain.map((s) => {
    if (s.kind === 'enter') depth = s.chain === hook ? 0 : depth + 1
    const row: [ChainStep, number] = [s, depth]
    if (s.kind === 'return') depth = Math.max(depth - 1, 0)
    return row
  })
}

function RuleMatches({ s }: { s: Extract<ChainStep, { kind: 'rule' }> }) {
  return (
    <code className="trace-nf__rule">
      {s.rule.matches.map((m, i) => (
        <span
          key={i}
          className={i === s.failed ? 'trace-nf__match trace-nf__match--failed' : 'trace-nf__match'}
          title={i === s.failed ? 'the first match that failed' : undefined}
        >
          {matchText(m)}{' '}
        </span>
      ))}
      <span className="trace-nf__target">{targetText(s.rule.target)}</span>
    </code>
  )
}

function Row({ s }: { s: ChainStep }) {
  switch (s.kind) {
    case 'enter':
      return (
        <span className="trace-nf__chain">
          {s.table} {s.chain}
        </span>
      )
    case 'rule':
      return (
        <>
          <span className="trace-nf__index">#{s.index}</span> <RuleMatches s={s} />{' '}
          <span className="trace-nf__status">{s.matched ? 'matched' : 'not matched'}</span>
        </>
      )
    case 'return':
      return <span>return from {s.chain}</span>
    case 'policy':
      return (
        <span>
          {s.table} {s.chain} policy {s.policy}
        </span>
      )
    case 'skip':
      return (
        <span>
          {s.table} {s.chain} not run: the connection is {s.ctState}, its NAT binding applies
        </span>
      )
    default:
      return exhaustive(s)
  }
}

export function NetfilterWalk({ step }: { step: NetfilterStep }) {
  const decides = decidingIndex(step.chain, step.verdict)
  return (
    <section className="trace-pdu__section" aria-label={`Netfilter ${step.hook}`}>
      <h4 className="trace-pdu__layer">
        Netfilter {step.hook}:{' '}
        <span className={`trace-nf__verdict--${step.verdict}`}>{step.verdict}</span>
      </h4>
      <ol className="trace-nf">
        {withDepth(step.hook, step.chain).map(([s, depth], i) => (
          <li
            key={i}
            className={[
              'trace-nf__step',
              `trace-nf__step--${s.kind}`,
              s.kind === 'rule' && s.matched ? 'trace-nf__step--matched' : '',
              i === decides ? 'trace-nf__step--decides' : '',
            ].join(' ')}
            style={{ paddingLeft: `${depth * 14 + 4}px` }}
          >
            <Row s={s} />
            {i === decides && (
              <strong className="trace-nf__decides"> decides {step.verdict}</strong>
            )}
          </li>
        ))}
      </ol>
      {step.nat && (
        <dl className="trace-pdu__rows">
          <dt>{step.nat.kind}</dt>
          <dd>
            {headersText(step.before)} → {headersText(step.packet)}
          </dd>
        </dl>
      )}
    </section>
  )
}
