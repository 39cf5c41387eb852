import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'

// nginx/nginx docs/html/index.html (1.29.6+), what the catalogue's nginx 1.31 serves.
const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, nginx is successfully installed and working.
Further configuration is required for the web server, reverse proxy, 
API gateway, load balancer, content cache, or other features.</p>

<p>For online documentation and support please refer to
<a href="https://nginx.org/">nginx.org</a>.<br/>
To engage with the community please visit
<a href="https://community.nginx.org/">community.nginx.org</a>.<br/>
For enterprise grade support, professional services, additional 
security features and capabilities please refer to
<a href="https://f5.com/nginx">f5.com/nginx</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 })

// A web server published on 8080 on a user network, a busybox client next to it, and one on
// a second user network (Docker isolates user networks from each other).
function webLab() {
  const lab = createTestLab()
  lab.run('docker network create app')
  lab.run('docker network create other')
  lab.run('docker run -d --name web --network app -p 8080:80 nginx')
  lab.run('docker run -dit --name client --network app busybox')
  lab.run('docker run -dit --name stranger --network other busybox')
  return lab
}

describe('curl', () => {
  it('gets nginx’s welcome page from the host by the container’s address', () => {
    expect(webLab().run('curl http://172.18.0.2/')).toEqual(ok(WELCOME))
  })

  it('reaches a published port through docker-proxy on localhost', () => {
    expect(webLab().run('curl localhost:8080')).toEqual(ok(WELCOME))
  })

  it('reaches a published port through the DNAT rule on the host’s own address', () => {
    expect(webLab().run('curl -s 10.10.0.11:8080')).toEqual(ok(WELCOME))
  })

  it('prints nginx’s response headers with -I, dated by the virtual clock', () => {
    const lab = webLab()
    expect(lab.run('curl -I 172.18.0.2')).toEqual(
      ok(
        'HTTP/1.1 200 OK\r\n' +
          'Server: nginx/1.31.3\r\n' +
          'Date: Thu, 01 Jan 2026 00:00:08 GMT\r\n' +
          'Content-Type: text/html\r\n' +
          'Content-Length: 896\r\n' +
          'Last-Modified: Wed, 15 Jul 2026 13:12:37 GMT\r\n' +
          'Connection: keep-alive\r\n' +
          'ETag: "6a578745-380"\r\n' +
          'Accept-Ranges: bytes\r\n' +
          '\r\n',
      ),
    )
  })

  it('gets nginx’s 404 page for any other path', () => {
    expect(webLab().run('curl -i localhost:8080/missing').stdout).toBe(
      'HTTP/1.1 404 Not Found\r\n' +
        'Server: nginx/1.31.3\r\n' +
        'Date: Thu, 01 Jan 2026 00:00:08 GMT\r\n' +
        'Content-Type: text/html\r\n' +
        'Content-Length: 153\r\n' +
        'Connection: keep-alive\r\n' +
        '\r\n' +
        '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n' +
        '<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.31.3</center>\r\n' +
        '</body>\r\n</html>\r\n',
    )
  })

  it('is refused on a port nothing listens on (the kernel answers with a RST)', () => {
    expect(webLab().run('curl 172.18.0.2:81')).toEqual({
      stdout: '',
      stderr:
        "curl: (7) Failed to connect to 172.18.0.2 port 81 after 0 ms: Couldn't connect to server\n",
      exitCode: 7,
    })
  })

  it('is refused on localhost once the container is stopped (no docker-proxy any more)', () => {
    const lab = webLab()
    lab.run('docker stop web')
    expect(lab.run('curl localhost:8080').stderr).toBe(
      "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n",
    )
  })

  it('cannot resolve container names on the host', () => {
    expect(webLab().run('curl web')).toEqual({
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: web\n',
      exitCode: 6,
    })
  })

  it('times out across two user networks: the isolation rules drop the SYN', () => {
    const lab = webLab()
    lab.run('docker run -d --name other-web --network other nginx:alpine')
    expect(lab.run('docker exec other-web curl 172.18.0.2')).toEqual({
      stdout: '',
      stderr:
        "curl: (28) Failed to connect to 172.18.0.2 port 80 after 127000 ms: Couldn't connect to server\n",
      exitCode: 28,
    })
    expect(lab.run('docker exec other-web curl -sS --connect-timeout 5 172.18.0.2').stderr).toBe(
      'curl: (28) Failed to connect to 172.18.0.2 port 80 after 5001 ms: Timeout was reached\n',
    )
  })

  it('gets no HTTP from redis and postgres', () => {
    const lab = webLab()
    lab.run('docker run -d --name cache --network app redis')
    lab.run('docker run -d --name db --network app -e POSTGRES_PASSWORD=pw postgres')
    expect(lab.run('docker exec web curl cache:6379')).toEqual({
      stdout: '',
      stderr: 'curl: (1) Received HTTP/0.9 when not allowed\n',
      exitCode: 1,
    })
    expect(lab.run('docker exec web curl db:5432')).toEqual({
      stdout: '',
      stderr: 'curl: (52) Empty reply from server\n',
      exitCode: 52,
    })
  })

  it('prints the status code with -w and the meter when the body goes to a file', () => {
    const lab = webLab()
    expect(lab.run('curl -s -o /dev/null -w "%{http_code}\\n" localhost:8080/x')).toEqual(
      ok('404\n'),
    )
    expect(lab.run('curl -o page.html localhost:8080')).toEqual({
      stdout: '',
      stderr:
        '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '100   896  100   896    0     0   875k      0 --:--:-- --:--:-- --:--:--  875k\n',
      exitCode: 0,
    })
  })

  it('is in the nginx image but not in httpd’s', () => {
    const lab = webLab()
    lab.run('docker run -d --name apache --network app httpd')
    expect(lab.run('docker exec web curl -s apache')).toEqual(
      ok('<html><body><h1>It works!</h1></body></html>\n'),
    )
    expect(lab.run('docker exec apache curl web')).toEqual({
      stdout: '',
      stderr:
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\n',
      exitCode: 127,
    })
  })

  it('leaves the ARP entries a real connection would', () => {
    const lab = webLab()
    expect(lab.run('docker exec client ip neigh').stdout).toBe('')
    lab.run('docker exec client wget -q -O /dev/null web')
    expect(lab.run('docker exec client ip neigh').stdout).toMatch(
      /^172\.18\.0\.2 dev eth0 lladdr [0-9a-f:]{17} .*REACHABLE\n$/,
    )
  })
})

describe('busybox wget', () => {
  it('prints the page with -qO- by name on a user network', () => {
    expect(webLab().run('docker exec client wget -qO- http://web')).toEqual(ok(WELCOME))
  })

  it('saves the page, with busybox’s progress bar', () => {
    expect(webLab().run('docker exec client wget http://web/')).toEqual({
      stdout: '',
      stderr:
        'Connecting to web (172.18.0.2:80)\n' +
        "saving to 'index.html'\n" +
        'index.html           100% |********************************|   896  0:00:00 ETA\n' +
        "'index.html' saved\n",
      exitCode: 0,
    })
  })

  it('reports the server’s error status', () => {
    expect(webLab().run('docker exec client wget -q http://web/nothing')).toEqual({
      stdout: '',
      stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\n',
      exitCode: 1,
    })
  })

  it('cannot resolve an unknown name, nor a stopped container’s', () => {
    const lab = webLab()
    const badAddress = (name: string) => ({
      stdout: '',
      stderr: `wget: bad address '${name}'\n`,
      exitCode: 1,
    })
    expect(lab.run('docker exec client wget -qO- http://nope')).toEqual(badAddress('nope'))
    lab.run('docker stop web')
    expect(lab.run('docker exec client wget -qO- http://web')).toEqual(badAddress('web'))
  })

  it('is refused on a closed port', () => {
    expect(webLab().run('docker exec client wget web:81')).toEqual({
      stdout: '',
      stderr:
        'Connecting to web (172.18.0.2:81)\n' +
        "wget: can't connect to remote host (172.18.0.2): Connection refused\n",
      exitCode: 1,
    })
  })

  it('times out towards another user network', () => {
    expect(webLab().run('docker exec stranger wget -qO- 172.18.0.2')).toEqual({
      stdout: '',
      stderr: "wget: can't connect to remote host (172.18.0.2): Connection timed out\n",
      exitCode: 1,
    })
  })
})

describe('GNU wget', () => {
  it('downloads from a published port on the host, over IPv6 loopback first', () => {
    expect(webLab().run('wget localhost:8080')).toEqual({
      stdout: '',
      stderr:
        '--2026-01-01 00:00:08--  http://localhost:8080/\n' +
        'Resolving localhost (localhost)... ::1, 127.0.0.1\n' +
        'Connecting to localhost (localhost)|::1|:8080... connected.\n' +
        'HTTP request sent, awaiting response... 200 OK\n' +
        'Length: 896 [text/html]\n' +
        'Saving to: ‘index.html’\n' +
        '\n' +
        'index.html          100%[===================>]     896  --.-KB/s    in 0s      \n' +
        '\n' +
        '2026-01-01 00:00:08 (85.4 MB/s) - ‘index.html’ saved [896/896]\n' +
        '\n',
      exitCode: 0,
    })
  })

  it('reports a refused connection and a 404', () => {
    const lab = webLab()
    expect(lab.run('wget 172.18.0.2:81')).toEqual({
      stdout: '',
      stderr:
        '--2026-01-01 00:00:08--  http://172.18.0.2:81/\n' +
        'Connecting to 172.18.0.2:81... failed: Connection refused.\n',
      exitCode: 4,
    })
    expect(lab.run('wget -O - 172.18.0.2/x').stderr).toBe(
      '--2026-01-01 00:00:09--  http://172.18.0.2/x\n' +
        'Connecting to 172.18.0.2:80... connected.\n' +
        'HTTP request sent, awaiting response... 404 Not Found\n' +
        '2026-01-01 00:00:09 ERROR 404: Not Found.\n' +
        '\n',
    )
  })

  it('cannot resolve an unknown name', () => {
    expect(webLab().run('wget http://nope/')).toEqual({
      stdout: '',
      stderr:
        '--2026-01-01 00:00:08--  http://nope/\n' +
        'Resolving nope (nope)... failed: Name or service not known.\n' +
        'wget: unable to resolve host address ‘nope’\n',
      exitCode: 4,
    })
  })
})
