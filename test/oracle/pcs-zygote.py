#!/usr/bin/python3 -Es
"""pcs without its start-up cost, for the cluster oracle (test/oracle/cluster-oracle.py).

Each `pcs` command of a pcs.sh is a new Python that imports pcs (0.55 s of CPU of the 0.75 s a
command takes): most of the oracle's time. The server imports pcs once; for each command the
client (a `pcs` early on PATH) passes its arguments, environment, working folder and its stdin,
stdout and stderr; the server forks, and the child runs pcs's own entry point
(`pcs.entry_points.cli:main`, what /usr/sbin/pcs runs) on them as a fresh process would, then
exits with pcs's status, which the client returns. So pcs.sh runs unchanged, by the same pcs code.

  pcs-zygote.py --serve SOCKET        (in the mount namespace pcs.sh runs in; until killed)
  pcs-zygote.py --client SOCKET ARGS  (exit status: pcs's)
"""
import json
import os
import socket
import sys
import time


def serve(path):
    sys.argv = ['/usr/sbin/pcs']
    from pcs.entry_points.cli import main  # noqa: the import the children share
    import pcs.resource, pcs.constraint, pcs.prop, pcs.stonith  # noqa: F401 (imported by the commands)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path + '.new')
    srv.listen(4)
    os.rename(path + '.new', path)
    while True:
        conn, _ = srv.accept()
        data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 3)
        size = int.from_bytes(data[:4], 'big')
        data = data[4:]
        while len(data) < size:
            more = conn.recv(1 << 16)
            if not more:
                break
            data += more
        req = json.loads(data)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            srv.close()
            conn.close()
            for i, fd in enumerate(fds):
                os.dup2(fd, i)
                os.close(fd)
            os.chdir(req['cwd'])
            os.environ.clear()
            os.environ.update(req['env'])
            sys.argv = ['/usr/sbin/pcs', *req['argv']]
            code = 0
            try:
                r = main(req['argv'])
                code = r if isinstance(r, int) else 0
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
                if not isinstance(e.code, int) and e.code is not None:
                    print(e.code, file=sys.stderr)
            except BaseException as e:  # what an uncaught exception does to a fresh pcs
                import traceback
                traceback.print_exc()
                code = 1
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        _, status = os.waitpid(pid, 0)
        conn.sendall(str(os.waitstatus_to_exitcode(status)).encode())
        conn.close()


def client(path, argv):
    msg = json.dumps({'argv': argv, 'cwd': os.getcwd(), 'env': dict(os.environ)}).encode()
    deadline = time.monotonic() + 60
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            break
        except (FileNotFoundError, ConnectionRefusedError):
            s.close()
            if time.monotonic() > deadline:
                print(f'pcs-zygote: no server on {path}', file=sys.stderr)
                return 2
            time.sleep(0.05)
    payload = len(msg).to_bytes(4, 'big') + msg
    socket.send_fds(s, [payload[:1 << 15]], [0, 1, 2])
    if len(payload) > 1 << 15:
        s.sendall(payload[1 << 15:])
    reply = b''
    while True:
        more = s.recv(64)
        if not more:
            break
        reply += more
    return int(reply) if reply else 2


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == '--serve':
        serve(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == '--client':
        sys.exit(client(sys.argv[2], sys.argv[3:]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
