import { describe, expect, it } from 'vitest'
import {
  formatInspectArray,
  marshalCompact,
  marshalIndent,
} from '../../../src/cli/format/inspect-json'

describe('inspect JSON', () => {
  it('indents by four spaces, keeps empty maps and slices compact and omits undefined', () => {
    const v = { Name: 'web', Empty: {}, None: [], Nil: null, Skip: undefined, N: [1, true] }
    expect(marshalIndent(v)).toBe(
      '{\n' +
        '    "Name": "web",\n' +
        '    "Empty": {},\n' +
        '    "None": [],\n' +
        '    "Nil": null,\n' +
        '    "N": [\n' +
        '        1,\n' +
        '        true\n' +
        '    ]\n' +
        '}',
    )
    expect(marshalCompact(v)).toBe('{"Name":"web","Empty":{},"None":[],"Nil":null,"N":[1,true]}')
  })

  it('escapes as encoding/json does, leaving HTML alone unless asked', () => {
    const s = 'a"b\\c\n\t\u0001<&>\u2028é'
    expect(marshalCompact(s)).toBe('"a\\"b\\\\c\\n\\t\\u0001<&>\\u2028é"')
    expect(marshalCompact(s, { escapeHtml: true })).toBe(
      '"a\\"b\\\\c\\n\\t\\u0001\\u003c\\u0026\\u003e\\u2028é"',
    )
  })

  it('prints the array docker inspect prints, [] when nothing was found', () => {
    expect(formatInspectArray([])).toBe('[]\n')
    expect(formatInspectArray([{ A: 1 }, { B: {} }])).toBe(
      '[\n    {\n        "A": 1\n    },\n    {\n        "B": {}\n    }\n]\n',
    )
    expect(formatInspectArray([{ A: 'x' }], true)).toBe('[{"A":"x"}]\n')
  })
})
