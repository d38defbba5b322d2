# common.sh - shell helpers shared by the test scripts in tools/ (source it).

# scaled SECONDS: SECONDS times MV_TIMEOUT_SCALE (the kit's one setting for slow
# machines), rounded, at least 1. A missing or absurd scale counts as 1.
scaled() {
    awk -v t="$1" -v s="${MV_TIMEOUT_SCALE:-1}" \
        'BEGIN { s += 0; if (s < 0.01 || s > 1000) s = 1; d = int(t * s + 0.5); print d < 1 ? 1 : d }'
}

# free_port: a TCP port nobody listens on now (asked with GDB's own Python, so no other
# interpreter is needed).
free_port() {
    gdb-multiarch -q -nx -batch -ex 'python
import socket
s = socket.socket()
s.bind(("localhost", 0))
print(s.getsockname()[1])'
}
