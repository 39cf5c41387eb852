// `netstat` from net-tools 2.10, checked byte for byte against the real tool on the same
// listening sockets (their kernel hash order aside).

import { describe, expect, it } from 'vitest'
import { type Case, dockerHost } from './fixture'

describe('netstat with containers on docker0 and on a user network', () => {
  const { lab, web } = dockerHost()
  const cases: Case[] = [
    {
      line: 'netstat -plnt',
      in: 'the host',
      where: {},
      expected: {
        stdout: `Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    
tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN      2345/docker-proxy   
tcp        0      0 127.0.0.53:53           0.0.0.0:*               LISTEN      456/systemd-resolve 
tcp6       0      0 :::8080                 :::*                    LISTEN      2352/docker-proxy   
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'netstat -tln',
      in: 'the host',
      where: {},
      expected: {
        stdout: `Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State      
tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN     
tcp        0      0 127.0.0.53:53           0.0.0.0:*               LISTEN     
tcp6       0      0 :::8080                 :::*                    LISTEN     
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'netstat -tl',
      in: 'the host',
      where: {},
      expected: {
        stdout: `Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State      
tcp        0      0 0.0.0.0:http-alt        0.0.0.0:*               LISTEN     
tcp        0      0 127.0.0.53:domain       0.0.0.0:*               LISTEN     
tcp6       0      0 [::]:http-alt           [::]:*                  LISTEN     
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'netstat -tulpn',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    
tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      2401/nginx          
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'netstat -tulp',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    
tcp        0      0 0.0.0.0:http            0.0.0.0:*               LISTEN      2401/nginx          
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'netstat -Q',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `netstat: invalid option -- 'Q'
usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB
        -Z, --context            display SELinux security context for sockets

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
`,
        exitCode: 3,
      },
    },
    {
      line: 'netstat -tlnp',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    
tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      2401/nginx
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'netstat -ln',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       
tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      
Active UNIX domain sockets (only servers)
Proto RefCnt Flags       Type       State         I-Node Path
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'netstat -Q',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: ``,
        stderr: `netstat: invalid option -- 'Q'
BusyBox v1.37.0 (2026-01-10 15:38:28 UTC) multi-call binary.

Usage: netstat [-ral] [-tuwx] [-enWp]

Display networking information

	-r	Routing table
	-a	All sockets
	-l	Listening sockets
		Else: connected sockets
	-t	TCP sockets
	-u	UDP sockets
	-w	Raw sockets
	-x	Unix sockets
		Else: all socket types
	-e	Other/more information
	-n	Don't resolve names
	-W	Wide display
	-p	Show PID/program name for sockets
`,
        exitCode: 1,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})
