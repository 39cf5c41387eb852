// `sysctl` from procps-ng 4.0.2 (busybox's in containers) on the network keys the simulator
// knows, checked against the real tools.

import { describe, expect, it } from 'vitest'
import { type Case, createLab, dockerHost, err, ok0 } from './fixture'

describe('sysctl on a fresh Docker host', () => {
  const lab = createLab()
  const cases: Case[] = [
    {
      line: 'sysctl net.ipv4.ip_local_port_range',
      in: 'the host',
      where: {},
      expected: {
        stdout: `net.ipv4.ip_local_port_range = 32768	60999
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'sysctl -n net.ipv4.ip_local_port_range',
      in: 'the host',
      where: {},
      expected: {
        stdout: `32768	60999
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'sysctl net/core/somaxconn',
      in: 'the host',
      where: {},
      expected: {
        stdout: `net.core.somaxconn = 4096
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'sysctl net.ipv4.foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `sysctl: cannot stat /proc/sys/net/ipv4/foo: No such file or directory
`,
        exitCode: 1,
      },
    },
    {
      line: 'sysctl net.ipv4.ip_local_port_range net.ipv4.foo net.core.somaxconn',
      in: 'the host',
      where: {},
      expected: {
        stdout: `net.ipv4.ip_local_port_range = 32768	60999
net.core.somaxconn = 4096
`,
        stderr: `sysctl: cannot stat /proc/sys/net/ipv4/foo: No such file or directory
`,
        exitCode: 1,
      },
    },
    {
      line: 'sysctl -N net.core.somaxconn',
      in: 'the host',
      where: {},
      expected: {
        stdout: `net.core.somaxconn
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'sysctl --foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`,
        stderr: `sysctl: unrecognized option '--foo'
`,
        exitCode: 0,
      },
    },
    {
      line: 'sysctl',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`,
        exitCode: 1,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})

describe('sysctl with containers on docker0 and on a user network', () => {
  const { lab, web } = dockerHost()
  const cases: Case[] = [
    {
      line: 'sysctl net.ipv4.conf.all.rp_filter net.ipv6.conf.eth0.disable_ipv6',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `net.ipv4.conf.all.rp_filter = 0
net.ipv6.conf.eth0.disable_ipv6 = 1
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'sysctl net.ipv4.foo',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: ``,
        stderr: `sysctl: error: 'net.ipv4.foo' is an unknown key
`,
        exitCode: 1,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})

describe('sysctl writes', () => {
  it('sets a key through the engine and reads it back, -w or not', () => {
    const lab = createLab()
    expect(lab.run('sysctl -w net.ipv4.ip_forward=0')).toEqual(ok0('net.ipv4.ip_forward = 0\n'))
    expect(lab.run('sysctl net.ipv4.ip_forward net.ipv4.conf.docker0.forwarding')).toEqual(
      ok0('net.ipv4.ip_forward = 0\nnet.ipv4.conf.docker0.forwarding = 0\n'),
    )
    expect(lab.run('sysctl net.core.somaxconn=1024')).toEqual(ok0('net.core.somaxconn = 1024\n'))
    expect(lab.run('sysctl -n net.core.somaxconn')).toEqual(ok0('1024\n'))
  })

  it('refuses unknown keys without writing anything', () => {
    const lab = createLab()
    const rev = lab.engine.world.rev
    expect(lab.run('sysctl -w net.ipv4.nope=1')).toEqual(
      err('sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n', 1),
    )
    expect(lab.engine.world.rev).toBe(rev)
  })
})
