// The CLI layer's public surface: text in, Docker's and Linux's text out.

export { createSession, type Session, type SessionOptions } from './session'
export type { CommandOutput } from './output'
export type { Completion } from './complete'
