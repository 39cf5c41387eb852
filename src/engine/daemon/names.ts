// Docker's automatic container names, `adjective_surname`. Mirrors moby (v28.5.2)
// pkg/namesgenerator/names-generator.go GetRandomName and daemon/names.go generateAndReserveName:
// six draws (the 2nd to 6th with one random digit appended), then the 12-char short ID. The word
// lists are our own, in the same spirit (moby's are frozen and not copied here).

import type { Rng } from '../model/rng'

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/)
}

const ADJECTIVES = words(`
  agile amiable ardent artful astute audacious blithe bold boring bouncy breezy bright brisk
  buoyant calm candid careful cheerful chipper civil clever cosmic courtly crafty crisp
  curious dapper daring deft devoted diligent dutiful earnest easygoing exuberant fearless
  feisty fluent fond frank gentle genial giddy gleeful glowing graceful grateful gutsy hardy
  hearty humble intrepid jaunty jubilant keen kindly lively lucky luminous mellow merry
  mindful nimble noble patient peppy perky placid playful plucky poised polite prudent quiet
  radiant rapid resolute robust rosy rugged sage savvy sincere snappy sparkly spirited spry
  steady sturdy sunny swift thrifty tidy tranquil trusty upbeat vivid warm whimsical witty
  zany zesty
`)

// Scientists and engineers, with a good share of the people who built networks (cerf, kahn,
// postel, baran, davies, pouzin, metcalfe, boggs, perlman, mockapetris, floyd, jacobson...).
const SURNAMES = words(`
  adleman agnesi amdahl ampere anning archimedes aryabhata avogadro babbage backus banach
  baran bardeen bartik bell bernoulli bessel boggs bohr boltzmann boole borg bose boyle brahe
  brattain burnell cantor cardano carnot carson cauchy cavendish cerf chadwick chandrasekhar
  clark clarke conway cook copernicus corbato coulomb cray crick curie dalton darwin davies
  descartes diffie dijkstra dirac doppler edison einstein engelbart erdos estrin euclid euler
  faraday fermat fermi feynman fibonacci fleming floyd fourier franklin fresnel galileo galois
  gauss germain gibbs goldberg goodall hamilton hamming hawking heisenberg hellman helmholtz
  hertz hilbert hoare hodgkin hollerith hooke hopper hubble huffman huygens hypatia jacobson
  jacquard jemison johnson joule kahn kapitsa karp kay kelvin kepler kernighan khayyam kilby
  kleinrock knuth kovalevskaya lamarr lamport lampson laplace lavoisier leavitt leibniz
  lemaitre liskov lovelace maxwell mccarthy mcclintock meitner mendel mendeleev metcalfe
  michelson minsky mirzakhani mockapetris morse napier nash neumann newton nightingale nobel
  noether noyce ohm pascal pasteur pauli pauling perlman planck poincare postel pouzin rabin
  raman ramanujan ritchie rivest rutherford sagan salk sammet sanger shamir shannon shockley
  somerville stroustrup sutherland tarjan tesla thompson thomson torvalds turing volta watt
  wiles wilkes wirth wozniak wright wu yalow yonath zhang zuse
`)

/** The lists, for tests and for anything that wants to recognise a generated name. */
export const NAME_ADJECTIVES = ADJECTIVES
export const NAME_SURNAMES = SURNAMES

// generateAndReserveName tries GetRandomName(0..5) before giving up on generated names.
const ATTEMPTS = 6

function pick(rng: Rng, list: readonly string[]): string {
  return list[rng.below('name', list.length)] ?? ''
}

/**
 * GetRandomName(retry): one `adjective_surname` from the 'name' stream, never `boring_wozniak`
 * (it draws again: "Steve Wozniak is not boring"); when `retry > 0` a random digit 0-9 follows.
 */
export function generatedName(rng: Rng, retry: number): string {
  for (;;) {
    const name = `${pick(rng, ADJECTIVES)}_${pick(rng, SURNAMES)}`
    if (name === 'boring_wozniak') continue
    return retry > 0 ? `${name}${rng.below('name', 10)}` : name
  }
}

/**
 * A free automatic container name (without Docker's leading `/`). `taken` says whether a name is
 * already reserved. After six taken draws Docker falls back to the 12-char short ID; without
 * `containerId` this keeps drawing suffixed names instead.
 */
export function randomName(
  rng: Rng,
  taken: (name: string) => boolean,
  containerId?: string,
): string {
  for (let retry = 0; retry < ATTEMPTS; retry++) {
    const name = generatedName(rng, retry)
    if (!taken(name)) return name
  }
  if (containerId !== undefined) return containerId.slice(0, 12)
  for (;;) {
    const name = generatedName(rng, ATTEMPTS)
    if (!taken(name)) return name
  }
}
