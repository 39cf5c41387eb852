// `ls /proc/*/ns` and the text tools of seed 001's namespace listing.

import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { hostId } from '../../../src/engine'
import { createTestLab } from '../../helpers/lab'

const LIST_UTS = "sudo ls -l /proc/*/ns | grep uts | awk '{print $11}' | sort | uniq"

describe('seed 001: namespaces under /proc', () => {
  it('one UTS namespace at first; a shell of unshare -u adds its own, seen from another shell', () => {
    const lab = createTestLab()
    const first = createSession(lab.engine, hostId('host1'))
    const second = createSession(lab.engine, hostId('host1'))
    expect(second.run(LIST_UTS).stdout).toBe('uts:[4026531838]\n')
    first.run('sudo unshare -u /bin/bash')
    expect(second.run(LIST_UTS).stdout).toMatch(/^uts:\[4026531838\]\nuts:\[40265\d{5}\]\n$/)
    first.run('exit')
    expect(second.run(LIST_UTS).stdout).toBe('uts:[4026531838]\n')
    // A tab closed with its unshare shell still open takes the shell with it.
    first.run('sudo unshare -u /bin/bash')
    first.close()
    expect(second.run(LIST_UTS).stdout).toBe('uts:[4026531838]\n')
  })

  it('lists init’s namespaces, and gives a container a network namespace of its own', () => {
    const lab = createTestLab()
    expect(lab.run('ls -l /proc/1/ns').stdout).toBe(
      [
        'total 0',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 cgroup -> cgroup:[4026531835]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 ipc -> ipc:[4026531839]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 mnt -> mnt:[4026531841]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 net -> net:[4026531840]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 pid -> pid:[4026531836]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 pid_for_children -> pid:[4026531836]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 time -> time:[4026531834]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 time_for_children -> time:[4026531834]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 user -> user:[4026531837]',
        'lrwxrwxrwx 1 root root 0 Jan  1 00:00 uts -> uts:[4026531838]',
        '',
      ].join('\n'),
    )
    lab.run('docker run -d --name c1 busybox sleep 1000')
    const pid = JSON.parse(lab.run('docker inspect -f "{{json .State.Pid}}" c1').stdout) as number
    expect(lab.run(`ls -l /proc/${pid}/ns/net`).stdout).toMatch(
      new RegExp(
        `^lrwxrwxrwx 1 root root 0 \\w{3} [ \\d]\\d \\d\\d:\\d\\d /proc/${pid}/ns/net -> net:\\[4026532\\d{3}\\]\\n$`,
      ),
    )
    expect(lab.run("ls -l /proc/*/ns | grep ' net ' | awk '{print $11}' | sort -u").stdout).toMatch(
      /^net:\[4026531840\]\nnet:\[4026532\d{3}\]\n$/,
    )
    expect(lab.run('ls /nowhere')).toEqual({
      stdout: '',
      stderr: "ls: cannot access '/nowhere': No such file or directory\n",
      exitCode: 2,
    })
  })
})

describe('awk, sort, uniq', () => {
  it('print fields, sort lines and fold repeats', () => {
    const lab = createTestLab()
    expect(lab.run("echo 'a b c' | awk '{print $3, $1}'").stdout).toBe('c a\n')
    expect(lab.run("cat /etc/hosts | awk -F'\t' '{print $2}' | head -1").exitCode).toBe(0)
    // Every process (init, dockerd) has each kind of namespace once.
    expect(
      lab.run("ls -l /proc/*/ns | grep lrwx | awk '{print $9}' | sort -r | uniq -c | head -2")
        .stdout,
    ).toBe('      2 uts\n      2 user\n')
    expect(lab.run("echo x | awk 'BEGIN { print 1 }'").stderr).toBe(
      "awk: only '{print $N, …}' programs are simulated here\n",
    )
  })
})
