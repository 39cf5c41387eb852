import { describe, expect, it } from 'vitest'
import { tokenize } from '../../src/cli/tokenize'

describe('tokenize', () => {
  it.each([
    ['docker network ls', ['docker', 'network', 'ls']],
    ['  docker   ps  ', ['docker', 'ps']],
    [`docker inspect -f '{{.Name}} x'`, ['docker', 'inspect', '-f', '{{.Name}} x']],
    ['echo "a \\"b\\" c"', ['echo', 'a "b" c']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo "" x', ['echo', '', 'x']],
    ['echo a#b # comment', ['echo', 'a#b']],
    ['echo x"y"z', ['echo', 'xyz']],
  ])('splits %s', (line, words) => {
    expect(tokenize(line)).toEqual({ ok: true, value: words })
  })

  it('reports an unterminated quote', () => {
    expect(tokenize('echo "abc')).toEqual({
      ok: false,
      error: 'unexpected EOF while looking for matching `"\'',
    })
  })
})
