// `nslookup NAME [SERVER]` and `getent hosts|ahosts NAME`: name resolution as a container's
// tools do it (placeholder; being written).

import { fail } from '../output'
import type { Program } from '../program'

export const nslookup: Program = () => fail('nslookup: not implemented yet\n', 1)

export const getent: Program = () => fail('getent: not implemented yet\n', 1)
