// `brctl show` and `brctl showmacs` as bridge-utils 1.7.1 prints them (TABs included), checked
// byte for byte against the real tool on the same bridges in a throw-away namespace.

import { describe, expect, it } from 'vitest'
import { type Case, createLab, dockerHost } from './fixture'

describe('brctl on a fresh Docker host', () => {
  const lab = createLab()
  const d0 = lab.link('docker0').mac
  const cases: Case[] = [
    {
      line: 'brctl show',
      in: 'the host',
      where: {},
      expected: {
        stdout: `bridge name	bridge id		STP enabled	interfaces
docker0		8000.${d0.replaceAll(':', '')}	no		
`,
        stderr: ``,
        exitCode: 0,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})

describe('brctl with containers on docker0 and on a user network', () => {
  const { lab, d0, web } = dockerHost()
  const cases: Case[] = [
    {
      line: 'brctl show',
      in: 'the host',
      where: {},
      expected: {
        stdout: `bridge name	bridge id		STP enabled	interfaces
br-8c2d5e7f9a01		8000.9e3b41c27d5b	no		veth0aa11bb
docker0		8000.${d0.replaceAll(':', '')}	no		veth5c1d2e3
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'brctl show docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `bridge name	bridge id		STP enabled	interfaces
docker0		8000.${d0.replaceAll(':', '')}	no		veth5c1d2e3
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'brctl show docker0 eth0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `bridge name	bridge id		STP enabled	interfaces
docker0		8000.${d0.replaceAll(':', '')}	no		veth5c1d2e3
`,
        stderr: `device eth0 is not a bridge!
`,
        exitCode: 1,
      },
    },
    {
      line: 'brctl show eth0',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `device eth0 is not a bridge!
`,
        exitCode: 1,
      },
    },
    {
      line: 'brctl show foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `bridge foo does not exist!
`,
        exitCode: 1,
      },
    },
    {
      line: 'brctl showmacs docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `port no	mac addr		is local?	ageing timer
  1	4e:8f:12:ab:cd:ef	no		   0.00
  1	d6:6c:f2:8c:a9:07	yes		   0.00
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'brctl showmacs eth0',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `read of forward table failed: Operation not supported
`,
        exitCode: 1,
      },
    },
    {
      line: 'brctl showmacs',
      in: 'the host',
      where: {},
      expected: {
        stdout: `Incorrect number of arguments for command
Usage: brctl showmacs <bridge>		show a list of mac addrs
`,
        stderr: ``,
        exitCode: 1,
      },
    },
    {
      line: 'brctl foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: `Usage: brctl [commands]
commands:
	addbr     	<bridge>		add bridge
	delbr     	<bridge>		delete bridge
	addif     	<bridge> <device>	add interface to bridge
	delif     	<bridge> <device>	delete interface from bridge
	hairpin   	<bridge> <port> {on|off}	turn hairpin on/off
	setageing 	<bridge> <time>		set ageing time
	setbridgeprio	<bridge> <prio>		set bridge priority
	setfd     	<bridge> <time>		set bridge forward delay
	sethello  	<bridge> <time>		set hello time
	setmaxage 	<bridge> <time>		set max message age
	setpathcost	<bridge> <port> <cost>	set path cost
	setportprio	<bridge> <port> <prio>	set port priority
	show      	[ <bridge> ]		show a list of bridges
	showmacs  	<bridge>		show a list of mac addrs
	showstp   	<bridge>		show bridge stp info
	stp       	<bridge> {on|off}	turn stp on/off
`,
        stderr: `never heard of command [foo]
`,
        exitCode: 1,
      },
    },
    {
      line: 'brctl show',
      in: 'web',
      where: { netns: web.netns },
      expected: { stdout: ``, stderr: ``, exitCode: 0 },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})
