// The inspector's view model: titled sections of labelled rows (and cards of rows), whose
// values may link to other records. Plain data, built by pure functions, drawn by Section.tsx.

import type { RecordId } from '../../../engine'

/** A piece of a value: plain text, or text that selects a record when clicked. */
export type Part = string | { readonly text: string; readonly link: RecordId }

export type Row = {
  /** What the value is (`MAC`), or a link when the row lists related records. */
  readonly label: Part
  readonly value: readonly Part[]
  /** Only a query (`docker inspect`) knows it: a placeholder while it runs, `—` if it failed. */
  readonly pending?: boolean
}

/** A group of rows under a heading (a network the container is on, a container on a network). */
export type Card = {
  readonly title: readonly Part[]
  readonly rows: readonly Row[]
}

export type Section = {
  readonly title: string
  readonly rows: readonly Row[]
  readonly cards?: readonly Card[]
  /** Shown when there are no rows and no cards (`No published ports`). */
  readonly empty?: string
  /** Labels too long for the label column (driver options): each label above its value. */
  readonly stacked?: boolean
}

export type InspectorView = {
  readonly title: string
  /** One line under the title: what the node is (`nginx · running`, `Linux bridge`). */
  readonly kind: string
  readonly sections: readonly Section[]
}

/** A link part. */
export const link = (text: string, id: RecordId): Part => ({ text, link: id })

/** A row of plain text. */
export const row = (label: string, value: string): Row => ({ label, value: [value] })

/** A row whose value is not known until a query answers. */
export const pendingRow = (label: string): Row => ({ label, value: ['…'], pending: true })

/** The text of a value, links included (tests, titles). */
export const partsText = (parts: readonly Part[]): string =>
  parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')
