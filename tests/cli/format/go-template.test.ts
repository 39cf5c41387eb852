import { describe, expect, it } from 'vitest'
import {
  executeTemplate,
  parseTemplate,
  preFormat,
  renderTemplate,
} from '../../../src/cli/format/go-template'
import type { TemplateOptions } from '../../../src/cli/format/go-template'

// The JSON shapes Docker's API returns, trimmed to what the cases read.
const container = {
  Id: 'f2a1c3e4d5b6a7980123456789abcdef0123456789abcdef0123456789abcdef',
  Name: '/web',
  Args: ['-g', 'daemon off;'],
  State: { Status: 'running', Running: true, Pid: 1234, ExitCode: 0 },
  Config: {
    Hostname: 'f2a1c3e4d5b6',
    ExposedPorts: { '80/tcp': {} },
    Labels: { 'com.example.b': '2', 'com.example.a': '1' },
  },
  HostConfig: { NanoCpus: 1500000000, Memory: 0 },
  Mounts: [],
  NetworkSettings: {
    Networks: {
      bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1', Aliases: null },
      app: { IPAddress: '172.18.0.2', Gateway: '172.18.0.1', Aliases: ['web', 'f2a1c3e4d5b6'] },
    },
  },
}

const network = {
  Name: 'app',
  Driver: 'bridge',
  IPAM: {
    Driver: 'default',
    Options: null,
    Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }],
  },
  Options: {},
}

const version = { Client: { Version: '28.5.2', ApiVersion: '1.51' }, Server: { Version: '28.5.2' } }

type Case = readonly [template: string, data: unknown, expected: string]

function render(template: string, data: unknown, options: TemplateOptions = {}): string {
  const result = renderTemplate(template, data, options)
  return result.ok ? result.value : `ERROR ${result.error}`
}

function table(cases: readonly Case[]): void {
  it.each(cases)('%j', (template, data, expected) => {
    expect(render(template, data)).toBe(expected)
  })
}

describe('text, actions, trim markers and comments', () => {
  table([
    ['plain text', {}, 'plain text'],
    ['{{.Name}}', container, '/web'],
    ['{{ .Name }}', container, '/web'],
    ['a  {{- .Name -}}  b', container, 'a/webb'],
    ['{{.Name}}\n  {{- .Name}}', container, '/web/web'],
    ['a {{/* a comment */}} b', {}, 'a  b'],
    ['a {{- /* a comment */ -}} b', {}, 'ab'],
    ['{{-3}}', {}, '-3'],
    ['{{3 -}} x', {}, '3x'],
    ['{{"}}"}}', {}, '}}'],
    [
      '{{range $k, $v := .Config.Labels -}}\n{{$k}}={{$v}}\n{{end -}}\n',
      container,
      'com.example.a=1\ncom.example.b=2\n',
    ],
    ['{{if\n  .State.Running}}up{{end}}', container, 'up'],
  ])
})

describe('fields, dot and printing values', () => {
  table([
    ['{{.State.Status}} {{.State.Pid}} {{.State.Running}}', container, 'running 1234 true'],
    ['{{.NetworkSettings.Networks.bridge.IPAddress}}', container, '172.17.0.2'],
    ['{{.Missing}}', container, '<no value>'],
    ['{{.Missing.Deeper}}', container, '<no value>'],
    ['{{.NetworkSettings.Networks.bridge.Aliases}}', container, '<no value>'],
    ['{{.Args}}', container, '[-g daemon off;]'],
    ['{{.Config.Labels}}', container, 'map[com.example.a:1 com.example.b:2]'],
    ['{{.}}', { b: 1, a: [1, 'x', null, true], c: {} }, 'map[a:[1 x <nil> true] b:1 c:map[]]'],
    ['{{.}}', 'just a string', 'just a string'],
    ['{{.}}', undefined, '<no value>'],
    ['{{.}}', null, '<no value>'],
    ['{{.Name}}', null, '<no value>'],
    ['{{.HostConfig.NanoCpus}}', container, '1500000000'],
    [
      '{{.A}} {{.B}} {{.C}} {{.D}} {{.E}}',
      { A: 1.5, B: 1500000.5, C: 1e21, D: -0.0001, E: 0.00001 },
      '1.5 1.5000005e+06 1e+21 -0.0001 1e-05',
    ],
    ['{{.x_1}} {{.ünï}}', { x_1: 'a', ünï: 'b' }, 'a b'],
  ])
})

describe('variables', () => {
  table([
    ['{{$x := .Name}}{{$x}}', container, '/web'],
    ['{{$x := 1}}{{$x = 2}}{{$x}}', {}, '2'],
    ['{{$}}', 'top', 'top'],
    ['{{$.State.Status}}', container, 'running'],
    ['{{range .Args}}{{$.Name}} {{end}}', container, '/web /web '],
    ['{{$n := .NetworkSettings.Networks}}{{$n.app.IPAddress}}', container, '172.18.0.2'],
    ['{{with $x := .State}}{{$x.Pid}}{{end}}', container, '1234'],
  ])
})

describe('range', () => {
  table([
    ['{{range .Args}}[{{.}}]{{end}}', container, '[-g][daemon off;]'],
    ['{{range $i, $a := .Args}}{{$i}}={{$a}} {{end}}', container, '0=-g 1=daemon off; '],
    ['{{range $a := .Args}}{{$a}};{{end}}', container, '-g;daemon off;;'],
    [
      '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}',
      container,
      'com.example.a=1;com.example.b=2;',
    ],
    [
      '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
      container,
      '172.18.0.2 172.17.0.2 ',
    ],
    ['{{range .Mounts}}x{{else}}no mounts{{end}}', container, 'no mounts'],
    ['{{range .Missing}}x{{else}}none{{end}}', container, 'none'],
    ['{{range 3}}{{.}}{{end}}', {}, '012'],
    [
      '{{range .N}}{{if eq . 3}}{{break}}{{end}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}',
      { N: [0, 1, 2, 3, 4] },
      '02',
    ],
    ['{{$i := 0}}{{range .Args}}{{$i = .}}{{end}}{{$i}}', container, 'daemon off;'],
  ])
})

describe('if, else if, with', () => {
  table([
    ['{{if .State.Running}}up{{else}}down{{end}}', container, 'up'],
    ['{{if .Missing}}a{{else if .State.Pid}}b{{else}}c{{end}}', container, 'b'],
    ['{{if not .Args}}none{{else}}{{len .Args}}{{end}}', container, '2'],
    ['{{if and .State.Running (eq .State.Status "running")}}ok{{end}}', container, 'ok'],
    [
      '{{if .Mounts}}a{{else}}empty{{end}} {{if .State.ExitCode}}a{{else}}zero{{end}}',
      container,
      'empty zero',
    ],
    ['{{with .State}}{{.Status}}{{end}}', container, 'running'],
    ['{{with .Missing}}x{{else}}y{{end}}', container, 'y'],
    ['{{with .Missing}}x{{else with .State}}{{.Pid}}{{end}}', container, '1234'],
  ])
})

describe('literals', () => {
  table([
    ['{{"a\\tb"}}|{{`raw\\n`}}|{{"\\u00e9\\x41"}}', {}, 'a\tb|raw\\n|éA'],
    [
      "{{1}} {{1.5}} {{1e3}} {{0x10}} {{-7}} {{true}} {{'a'}} {{1_000}}",
      {},
      '1 1.5 1000 16 -7 true 97 1000',
    ],
    ['{{1e6}} {{0.1}}', {}, '1e+06 0.1'],
  ])
})

describe('pipelines and parenthesized arguments', () => {
  table([
    ['{{.Name | printf "%q"}}', container, '"/web"'],
    ['{{"x" | printf "%s-%s" "a"}}', {}, 'a-x'],
    ['{{(index .IPAM.Config 0).Subnet}}', network, '172.18.0.0/16'],
    ['{{(index .IPAM.Config 0).Nope}}', network, '<no value>'],
    ['{{index .Config.Labels "com.example.a"}}', container, '1'],
    ['{{index .Config.Labels "nope"}}', container, '<no value>'],
    ['{{index .M "a" 1}}', { M: { a: [10, 20] } }, '20'],
    ['{{.Args | len}}', container, '2'],
  ])
})

describe('builtin functions', () => {
  table([
    ['{{len .Args}} {{len .Name}} {{len .Config.Labels}} {{len "héllo"}}', container, '2 4 2 6'],
    ['{{slice .Args 1}} {{slice "abcdef" 1 3}} {{slice "abc"}}', container, '[daemon off;] bc abc'],
    ['{{index "abc" 1}}', {}, '98'],
    ['{{print 1 2 "a" "b" 3}}', {}, '1 2ab3'],
    ['{{print .Missing}}', {}, '<nil>'],
    ['{{println "a" 1}}', {}, 'a 1\n'],
    ['{{and 1 0 2}} {{and 1 2}} {{or 0 "" "x"}} {{or .Missing "default"}}', {}, '0 2 x default'],
    ['{{not 0}} {{not "a"}}', {}, 'true false'],
    [
      '{{eq .State.Status "exited" "running"}} {{ne 1 2}} {{eq .Missing "x"}}',
      container,
      'true true false',
    ],
    [
      '{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}} {{lt 1.5 2.5}}',
      {},
      'true true true false true',
    ],
    ['{{html "<a href=\'x\'>&</a>"}}', {}, '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
    ['{{urlquery "a b&c=d/é"}}', {}, 'a+b%26c%3Dd%2F%C3%A9'],
    ['{{js "it\'s <b>"}}', {}, "it\\'s \\u003Cb\\u003E"],
  ])
})

describe('printf', () => {
  table([
    [
      '{{printf "%-10s|%5d|%v|%t|%x|%q" "ab" 42 .Args true 255 "hi"}}',
      container,
      'ab        |   42|[-g daemon off;]|true|ff|"hi"',
    ],
    [
      '{{printf "%05.1f|%e|%g|%6.2f%%" 3.14159 1234.5678 0.000012 12.5}}',
      {},
      '003.1|1.234568e+03|1.2e-05| 12.50%',
    ],
    [
      '{{printf "%+d|%x|%X|%#x|%o|%b|%c|%U" 5 -255 255 255 8 5 65 65}}',
      {},
      '+5|-ff|FF|0xff|10|101|A|U+0041',
    ],
    ['{{printf "%.2s|%5.1s|%-4q|%x" "abc" "xyz" "a" "hi"}}', {}, 'ab|    x|"a" |6869'],
    ['{{printf "%*d|%-*d|" 4 7 3 8}}', {}, '   7|8  |'],
    ['{{printf "%[2]s %[1]s" "a" "b"}}', {}, 'b a'],
    ['{{printf "%d" "x"}}', {}, '%!d(string=x)'],
    ['{{printf "%s"}}', {}, '%!s(MISSING)'],
    ['{{printf "a" 1 "b"}}', {}, 'a%!(EXTRA int=1, string=b)'],
    ['{{printf "%z" 1}}', {}, '%!z(int=1)'],
    ['{{printf "%d %s" .Missing .Missing}}', {}, '%!d(<nil>) %!s(<nil>)'],
    [
      '{{printf "%v|%s" .Config.Labels .Args}}',
      container,
      'map[com.example.a:1 com.example.b:2]|[-g daemon off;]',
    ],
    ['{{printf "%d" .Args}}', container, '[%!d(string=-g) %!d(string=daemon off;)]'],
    ['{{printf "%T %T %T %T" 1 1.5 "s" .Args}}', container, 'int float64 string []interface {}'],
    [
      '{{printf "%#v" .M}}',
      { M: { a: 'x', b: [1] } },
      'map[string]interface {}{"a":"x", "b":[]interface {}{1}}',
    ],
    ['{{printf "%-8s|" .Name}}', container, '/web    |'],
  ])
})

describe("docker's functions (templates.go)", () => {
  table([
    ['{{json .Config.ExposedPorts}}', container, '{"80/tcp":{}}'],
    ['{{json .Args}}', container, '["-g","daemon off;"]'],
    ['{{json .State}}', container, '{"Status":"running","Running":true,"Pid":1234,"ExitCode":0}'],
    [
      '{{json .}}',
      { a: '<b>&"\n', n: 1.5, z: null, t: true, u: '\u2028' },
      '{"a":"<b>&\\"\\n","n":1.5,"z":null,"t":true,"u":"\\u2028"}',
    ],
    ['{{json .Missing}}', container, 'null'],
    ['{{json .NetworkSettings.Networks.bridge.Aliases}}', container, 'null'],
    ['{{join .Args ","}}', container, '-g,daemon off;'],
    [
      '{{split "a,b,c" ","}} {{index (split "a:b" ":") 1}} {{len (split "" ",")}}',
      {},
      '[a b c] b 1',
    ],
    ['{{join (split "a b c" " ") "-"}}', {}, 'a-b-c'],
    ['{{title "hello world-wide_x"}}', {}, 'Hello World-Wide_x'],
    ['{{upper "abc"}} {{lower "ÀBC"}} {{upper "ß"}}', {}, 'ABC àbc ß'],
    ['{{pad "x" 2 3}}|{{pad "" 2 3}}|', {}, '  x   ||'],
    [
      '{{truncate "abcdef" 3}} {{truncate "ab" 3}} {{truncate .Id 12}}',
      container,
      'abc ab f2a1c3e4d5b6',
    ],
    ['{{.Name | upper | printf "%s!"}}', container, '/WEB!'],
  ])
})

describe('parse errors', () => {
  table([
    ['{{foo}}', {}, 'ERROR template: :1: function "foo" not defined'],
    ['{{.Name', {}, 'ERROR template: :1: unclosed action'],
    ['{{.Name}', {}, 'ERROR template: :1: unexpected "}" in operand'],
    ['{{if .A}}x', {}, 'ERROR template: :1: unexpected EOF'],
    ['{{end}}', {}, 'ERROR template: :1: unexpected {{end}}'],
    ['{{range .A}}{{else}}{{else}}{{end}}', {}, 'ERROR template: :1: expected end; found {{else}}'],
    ['{{break}}', {}, 'ERROR template: :1: {{break}} outside {{range}}'],
    ['{{}}', {}, 'ERROR template: :1: missing value for command'],
    ['{{range}}{{end}}', {}, 'ERROR template: :1: missing value for range'],
    ['{{$x}}', {}, 'ERROR template: :1: undefined variable "$x"'],
    ['{{with .A}}{{$x := 1}}{{end}}{{$x}}', {}, 'ERROR template: :1: undefined variable "$x"'],
    ['{{"abc}}', {}, 'ERROR template: :1: unterminated quoted string'],
    ['{{"\\q"}}', {}, 'ERROR template: :1: invalid syntax'],
    ['{{.A | 1}}', {}, 'ERROR template: :1: non executable command in pipeline stage 2'],
    ['{{/* x }}', {}, 'ERROR template: :1: unclosed comment'],
    ['{{(1}}', {}, 'ERROR template: :1: unclosed left paren'],
    ['{{1)}}', {}, 'ERROR template: :1: unexpected ")" in command'],
    ['{{.A.}}', {}, 'ERROR template: :1: unexpected <.> in operand'],
    ['{{.A+1}}', {}, "ERROR template: :1: bad character U+002B '+'"],
    ['{{3x}}', {}, 'ERROR template: :1: bad number syntax: "3x"'],
    ['{{"a".B}}', {}, 'ERROR template: :1: unexpected . after term "\\"a\\""'],
    ['{{range $a, $b, $c := .}}{{end}}', {}, 'ERROR template: :1: too many declarations in range'],
    ['{{.A}}\n{{foo}}', {}, 'ERROR template: :2: function "foo" not defined'],
    ['{{.A\n\n', {}, 'ERROR template: :3: unclosed action started at :1'],
    [
      '{{define "x"}}a{{end}}{{define "x"}}b{{end}}',
      {},
      'ERROR template: :1: template: multiple definition of template "x"',
    ],
  ])
})

describe('execution errors', () => {
  table([
    [
      '{{.Name.Foo}}',
      container,
      'ERROR template: :1:7: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type interface {}',
    ],
    [
      '{{.Foo}}',
      'text',
      'ERROR template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type string',
    ],
    [
      '{{.NetworkSettings.Networks.bridge.Aliases.X}}',
      container,
      'ERROR template: :1:18: executing "" at <.NetworkSettings.Networks.bridge.Aliases.X>: nil pointer evaluating interface {}.X',
    ],
    [
      '{{range .Args}}{{.X}}{{end}}',
      container,
      'ERROR template: :1:17: executing "" at <.X>: can\'t evaluate field X in type interface {}',
    ],
    [
      '{{.Name 1}}',
      container,
      'ERROR template: :1:2: executing "" at <.Name>: Name is not a method but has arguments',
    ],
    [
      '{{1 2}}',
      {},
      'ERROR template: :1:2: executing "" at <1>: can\'t give argument to non-function 1',
    ],
    ['{{nil}}', {}, 'ERROR template: :1:2: executing "" at <nil>: nil is not a command'],
    [
      '{{range .Name}}{{end}}',
      container,
      'ERROR template: :1:8: executing "" at <.Name>: range can\'t iterate over /web',
    ],
    [
      '{{index .Args 5}}',
      container,
      'ERROR template: :1:2: executing "" at <index .Args 5>: error calling index: index out of range: 5',
    ],
    [
      '{{index .Args 2}}',
      container,
      'ERROR template: :1:2: executing "" at <index .Args 2>: error calling index: reflect: slice index out of range',
    ],
    [
      '{{(index .IPAM.Config 1).Subnet}}',
      network,
      'ERROR template: :1:3: executing "" at <index .IPAM.Config 1>: error calling index: reflect: slice index out of range',
    ],
    [
      '{{index .Name "a"}}',
      container,
      'ERROR template: :1:2: executing "" at <index .Name "a">: error calling index: cannot index slice/array with type string',
    ],
    [
      '{{len 3}}',
      {},
      'ERROR template: :1:2: executing "" at <len 3>: error calling len: len of type int',
    ],
    [
      '{{eq 1 "a"}}',
      {},
      'ERROR template: :1:2: executing "" at <eq 1 "a">: error calling eq: incompatible types for comparison',
    ],
    [
      '{{lt .Args 1}}',
      container,
      'ERROR template: :1:2: executing "" at <lt .Args 1>: error calling lt: invalid type for comparison',
    ],
    [
      '{{upper .State.Pid}}',
      container,
      'ERROR template: :1:14: executing "" at <.State.Pid>: wrong type for value; expected string; got int',
    ],
    [
      '{{upper .Missing}}',
      container,
      'ERROR template: :1:8: executing "" at <.Missing>: invalid value; expected string',
    ],
    [
      '{{join .Name ","}}',
      container,
      'ERROR template: :1:7: executing "" at <.Name>: wrong type for value; expected []string; got string',
    ],
    [
      '{{join .Args}}',
      container,
      'ERROR template: :1:2: executing "" at <join>: wrong number of args for join: want 2 got 1',
    ],
    [
      '{{truncate .Name "3"}}',
      container,
      'ERROR template: :1:17: executing "" at <"3">: expected integer; found "3"',
    ],
    [
      '{{template "x"}}',
      {},
      'ERROR template: :1:11: executing "" at <{{template "x"}}>: template "x" not defined',
    ],
    [
      'ok\n{{.Name.X}}',
      container,
      'ERROR template: :2:7: executing "" at <.Name.X>: can\'t evaluate field X in type interface {}',
    ],
  ])
})

describe('define, template and block', () => {
  table([
    [
      '{{define "ip"}}{{.IPAddress}}{{end}}{{template "ip" .NetworkSettings.Networks.app}}',
      container,
      '172.18.0.2',
    ],
    ['{{block "name" .}}[{{.Name}}]{{end}}', container, '[/web]'],
  ])
})

describe('missingkey=error, as docker inspect runs on raw JSON', () => {
  const inspect = (t: string): string => render(t, container, { missingKey: 'error' })

  it('fails on a missing key and names the first chained field', () => {
    expect(inspect('{{.State.Health.Status}}')).toBe(
      'ERROR template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "Health"',
    )
  })

  it('still prints keys that exist', () => {
    expect(inspect('{{.State.Status}}')).toBe('running')
  })

  it('missingkey=zero gives a nil interface, printed as <no value>', () => {
    expect(render('{{.Nope}}', container, { missingKey: 'zero' })).toBe('<no value>')
  })
})

describe('data handling', () => {
  it('treats every own key as a map key, even __proto__', () => {
    expect(render('{{.__proto__}}', JSON.parse('{"__proto__": "x"}'))).toBe('x')
  })

  it('drops undefined properties like encoding/json would', () => {
    expect(render('{{.A}} {{json .}}', { A: undefined, B: 1 })).toBe('<no value> {"B":1}')
  })

  it('returns the error, not partial output, when execution fails midway', () => {
    const parsed = parseTemplate('{{.Name}} {{.Name.X}}')
    expect(parsed.ok && executeTemplate(parsed.value, container)).toEqual({
      ok: false,
      error:
        'template: :1:17: executing "" at <.Name.X>: can\'t evaluate field X in type interface {}',
    })
  })
})

describe('realistic docker formats', () => {
  it('lists a container’s addresses per network', () => {
    const t =
      '{{range $net, $conf := .NetworkSettings.Networks}}{{$net}}: {{$conf.IPAddress}}{{"\\n"}}{{end}}'
    expect(render(t, container)).toBe('app: 172.18.0.2\nbridge: 172.17.0.2\n')
  })

  it('prints the first subnet of a network', () => {
    expect(render('{{range .IPAM.Config}}{{.Subnet}} via {{.Gateway}}{{end}}', network)).toBe(
      '172.18.0.0/16 via 172.18.0.1',
    )
  })

  it('formats docker version', () => {
    expect(
      render('{{.Client.Version}}/{{.Server.Version}} API {{.Client.ApiVersion}}', version),
    ).toBe('28.5.2/28.5.2 API 1.51')
  })

  it('parses once and executes per row, like docker ps --format', () => {
    const parsed = parseTemplate(preFormat('table {{.ID}}\\t{{.Names}}'))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const rows = [
      { ID: 'f2a1c3e4d5b6', Names: 'web' },
      { ID: '0123456789ab', Names: 'db' },
    ]
    expect(rows.map((r) => executeTemplate(parsed.value, r))).toEqual([
      { ok: true, value: 'f2a1c3e4d5b6\tweb' },
      { ok: true, value: '0123456789ab\tdb' },
    ])
  })
})

describe('preFormat (formatter.Context.preFormat)', () => {
  it.each([
    ['table {{.ID}}\\t{{.Name}}', '{{.ID}}\t{{.Name}}'],
    ['json', '{{json .}}'],
    ['  {{.Name}}\\n ', '{{.Name}}\n'],
    ['{{.Name}}', '{{.Name}}'],
    ['\t{{.Name}}', '\t{{.Name}}'],
  ])('%j → %j', (format, expected) => {
    expect(preFormat(format)).toBe(expected)
  })
})
