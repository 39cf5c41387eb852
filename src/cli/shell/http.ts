// `curl` and `wget` against the simulated servers (placeholder; being written).

import { fail } from '../output'
import type { Program } from '../program'

export const curl: Program = () => fail('curl: not implemented yet\n', 1)

export const wget: Program = () => fail('wget: not implemented yet\n', 1)
