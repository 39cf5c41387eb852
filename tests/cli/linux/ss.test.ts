// `ss` from iproute2 6.1 as it prints when stdout is not a terminal, checked byte for byte
// against the real tool on the same listening sockets (their kernel hash order aside).

import { describe, expect, it } from 'vitest'
import { type Case, dockerHost } from './fixture'

describe('ss with containers on docker0 and on a user network', () => {
  const { lab, web } = dockerHost()
  const cases: Case[] = [
    {
      line: 'ss -ltn',
      in: 'the host',
      where: {},
      expected: {
        stdout: `State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*          
LISTEN 0      4096      127.0.0.53:53        0.0.0.0:*          
LISTEN 0      4096            [::]:8080         [::]:*          
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ss -ltnp',
      in: 'the host',
      where: {},
      expected: {
        stdout: `State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                                  
LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*    users:(("docker-proxy",pid=2345,fd=3))  
LISTEN 0      4096      127.0.0.53:53        0.0.0.0:*    users:(("systemd-resolve",pid=456,fd=4))
LISTEN 0      4096            [::]:8080         [::]:*    users:(("docker-proxy",pid=2352,fd=3))  
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ss -lt',
      in: 'the host',
      where: {},
      expected: {
        stdout: `State  Recv-Q Send-Q Local Address:Port     Peer Address:PortProcess
LISTEN 0      4096         0.0.0.0:http-alt      0.0.0.0:*          
LISTEN 0      4096      127.0.0.53:domain        0.0.0.0:*          
LISTEN 0      4096            [::]:http-alt         [::]:*          
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ss -lun',
      in: 'the host',
      where: {},
      expected: {
        stdout: `State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
UNCONN 0      0         127.0.0.53:53        0.0.0.0:*          
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ss -ltun',
      in: 'the host',
      where: {},
      expected: {
        stdout: `Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
udp   UNCONN 0      0         127.0.0.53:53        0.0.0.0:*          
tcp   LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*          
tcp   LISTEN 0      4096      127.0.0.53:53        0.0.0.0:*          
tcp   LISTEN 0      4096            [::]:8080         [::]:*          
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ss -tn',
      in: 'the host',
      where: {},
      expected: {
        stdout: `State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ss -Hltn',
      in: 'the host',
      where: {},
      expected: {
        stdout: `LISTEN 0      4096      0.0.0.0:8080 0.0.0.0:*
LISTEN 0      4096   127.0.0.53:53   0.0.0.0:*
LISTEN 0      4096         [::]:8080    [::]:*
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ss -ltunp',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                         
tcp   LISTEN 0      511          0.0.0.0:80        0.0.0.0:*    users:(("nginx",pid=2401,fd=3))
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ss -Q',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `ss: invalid option -- 'Q'
Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -o, --options       show timer information
   -e, --extended      show detailed socket information
   -m, --memory        show socket memory usage
   -p, --processes     show process using socket
   -T, --threads       show thread using socket
   -i, --info          show internal TCP information
       --tipcinfo      show internal tipc socket information
   -s, --summary       show socket usage summary
       --tos           show tos and priority information
       --cgroup        show cgroup information
   -b, --bpf           show bpf filter socket information
   -E, --events        continually display sockets as they are destroyed
   -Z, --context       display task SELinux security contexts
   -z, --contexts      display task and socket SELinux security contexts
   -N, --net           switch to the specified network namespace name

   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -0, --packet        display PACKET sockets
   -t, --tcp           display only TCP sockets
   -M, --mptcp         display only MPTCP sockets
   -S, --sctp          display only SCTP sockets
   -u, --udp           display only UDP sockets
   -d, --dccp          display only DCCP sockets
   -w, --raw           display only RAW sockets
   -x, --unix          display only Unix domain sockets
       --tipc          display only TIPC sockets
       --vsock         display only vsock sockets
       --xdp           display only XDP sockets
   -f, --family=FAMILY display sockets of type FAMILY
       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}

   -K, --kill          forcibly close sockets, display what was closed
   -H, --no-header     Suppress header line
   -O, --oneline       socket's data printed on a single line
       --inet-sockopt  show various inet socket options

   -A, --query=QUERY, --socket=QUERY
       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]

   -D, --diag=FILE     Dump raw information about TCP sockets to FILE
   -F, --filter=FILE   read filter information from FILE
       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]
       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}
         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}
          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
             bucket := {syn-recv|time-wait}
                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}
`,
        exitCode: 255,
      },
    },
    {
      line: 'ss --foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `ss: unrecognized option '--foo'
Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -o, --options       show timer information
   -e, --extended      show detailed socket information
   -m, --memory        show socket memory usage
   -p, --processes     show process using socket
   -T, --threads       show thread using socket
   -i, --info          show internal TCP information
       --tipcinfo      show internal tipc socket information
   -s, --summary       show socket usage summary
       --tos           show tos and priority information
       --cgroup        show cgroup information
   -b, --bpf           show bpf filter socket information
   -E, --events        continually display sockets as they are destroyed
   -Z, --context       display task SELinux security contexts
   -z, --contexts      display task and socket SELinux security contexts
   -N, --net           switch to the specified network namespace name

   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -0, --packet        display PACKET sockets
   -t, --tcp           display only TCP sockets
   -M, --mptcp         display only MPTCP sockets
   -S, --sctp          display only SCTP sockets
   -u, --udp           display only UDP sockets
   -d, --dccp          display only DCCP sockets
   -w, --raw           display only RAW sockets
   -x, --unix          display only Unix domain sockets
       --tipc          display only TIPC sockets
       --vsock         display only vsock sockets
       --xdp           display only XDP sockets
   -f, --family=FAMILY display sockets of type FAMILY
       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}

   -K, --kill          forcibly close sockets, display what was closed
   -H, --no-header     Suppress header line
   -O, --oneline       socket's data printed on a single line
       --inet-sockopt  show various inet socket options

   -A, --query=QUERY, --socket=QUERY
       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]

   -D, --diag=FILE     Dump raw information about TCP sockets to FILE
   -F, --filter=FILE   read filter information from FILE
       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]
       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}
         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}
          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
             bucket := {syn-recv|time-wait}
                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}
`,
        exitCode: 255,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})
