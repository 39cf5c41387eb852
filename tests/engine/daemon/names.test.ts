import { describe, expect, it } from 'vitest'
import {
  NAME_ADJECTIVES,
  NAME_SURNAMES,
  generatedName,
  randomName,
} from '../../../src/engine/daemon/names'
import { INITIAL_COUNTERS, Rng } from '../../../src/engine/model/rng'

const rngAt = (seed: number, name = 0): Rng => new Rng(seed, { ...INITIAL_COUNTERS, name })
const GENERATED = /^([a-z]+)_([a-z]+)(\d?)$/

function words(name: string): [string, string, string] {
  const m = GENERATED.exec(name)
  return [m?.[1] ?? '', m?.[2] ?? '', m?.[3] ?? '']
}

describe('word lists', () => {
  it('has about a hundred adjectives and more than 150 surnames, lower-case and unique', () => {
    expect(NAME_ADJECTIVES.length).toBeGreaterThanOrEqual(100)
    expect(NAME_SURNAMES.length).toBeGreaterThanOrEqual(150)
    for (const list of [NAME_ADJECTIVES, NAME_SURNAMES]) {
      expect(new Set(list).size).toBe(list.length)
      for (const w of list) expect(w).toMatch(/^[a-z]+$/)
    }
  })

  it('keeps boring and wozniak, so the one forbidden pair can come up', () => {
    expect(NAME_ADJECTIVES).toContain('boring')
    expect(NAME_SURNAMES).toContain('wozniak')
  })
})

describe('randomName', () => {
  it('draws adjective_surname from the name stream only, the same for the same seed', () => {
    const rng = rngAt(1)
    const first = randomName(rng, () => false)
    expect(first).toBe('rapid_carson')
    expect(randomName(rngAt(1), () => false)).toBe(first)
    expect(rng.snapshot()).toEqual({ ...INITIAL_COUNTERS, name: 2 })
    const [adjective, surname, digit] = words(first)
    expect(NAME_ADJECTIVES).toContain(adjective)
    expect(NAME_SURNAMES).toContain(surname)
    expect(digit).toBe('')
  })

  it('never produces boring_wozniak: it draws the pair again', () => {
    // Seed 1 at name counter 9344 draws "boring" then "wozniak".
    const rng = rngAt(1, 9344)
    const name = generatedName(rng, 0)
    expect(name).not.toBe('boring_wozniak')
    expect(name).toMatch(/^[a-z]+_[a-z]+$/)
    expect(rng.snapshot().name).toBe(9344 + 4)
  })

  it('appends one random digit from the second attempt on, like GetRandomName(retry > 0)', () => {
    const seen: string[] = []
    const name = randomName(rngAt(7), (n) => {
      seen.push(n)
      return seen.length < 3
    })
    expect(seen).toHaveLength(3)
    expect(words(seen[0] ?? '')[2]).toBe('')
    expect(words(seen[1] ?? '')[2]).toMatch(/^\d$/)
    expect(name).toBe(seen[2])
    expect(words(name)[2]).toMatch(/^\d$/)
  })

  it('falls back to the short ID after six taken names, as generateAndReserveName does', () => {
    let asked = 0
    const id = 'f3a9c2b1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1'
    const name = randomName(
      rngAt(3),
      () => {
        asked++
        return true
      },
      id,
    )
    expect(asked).toBe(6)
    expect(name).toBe('f3a9c2b1d4e5')
  })

  it('without an ID keeps drawing suffixed names until one is free', () => {
    let asked = 0
    const name = randomName(rngAt(3), () => ++asked <= 8)
    expect(asked).toBe(9)
    expect(words(name)[2]).toMatch(/^\d$/)
  })
})
