"""Running untrusted work under a time bound, and stopping all of it when time is up.

Grading runs make, the test programs (which run the student's code, and fork one child
per test) and QEMU. When a bound expires, every one of those processes must go, or a
student's endless loop keeps a core busy after the grader has moved on. A process
group is not enough: Check puts each test's child in a group of its own. So a timeout
kills the whole tree of descendants, found through /proc (Linux).
"""
import os
import signal
import subprocess

TAIL_BYTES = 16384   # how much of a log run_bounded() returns


def scale():
    """One setting scales every timeout for slow machines: MV_TIMEOUT_SCALE, a positive
    number (3 on a slow machine; 0.5 halves every bound). The C harness reads the same
    variable (autograder/lib/qemu_run.c) and accepts the same range."""
    try:
        value = float(os.environ.get('MV_TIMEOUT_SCALE', '1'))
    except ValueError:
        return 1.0
    return value if 0.01 <= value <= 1000 else 1.0


def scaled(seconds):
    """A time bound in seconds, scaled by MV_TIMEOUT_SCALE."""
    return max(1, round(seconds * scale()))


def _children():
    """{parent pid: [child pids]} of every process, from /proc."""
    kids = {}
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open(f'/proc/{name}/stat') as f:
                stat = f.read()
        except OSError:
            continue   # it exited meanwhile
        ppid = int(stat.rsplit(')', 1)[1].split()[1])   # the name in (...) may hold spaces
        kids.setdefault(ppid, []).append(int(name))
    return kids


def _descendants(pid):
    kids, found, todo = _children(), [], [pid]
    while todo:
        for child in kids.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _signal(pid, sig):
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def kill_tree(pid):
    """SIGKILL `pid`, its process group and all of its descendants. They are stopped
    (SIGSTOP) first, so that none can fork a child we would miss, and none is
    reparented out of the tree when its parent dies before it."""
    stopped = []
    for _ in range(100):   # each round stops what the last one's processes forked
        new = [p for p in [pid] + _descendants(pid) if p not in stopped]
        if not new:
            break
        for p in new:
            _signal(p, signal.SIGSTOP)
        stopped += new
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for p in stopped:
        _signal(p, signal.SIGKILL)


def _log_tail(log_path):
    if not log_path:
        return ''
    with open(log_path, 'rb') as f:
        f.seek(max(0, os.path.getsize(log_path) - TAIL_BYTES))
        return f.read().decode('utf-8', 'replace')


def run_bounded(cmd, cwd, timeout, env=None, log_path=None):
    """Run cmd in a new session, its output to log_path; kill its whole tree at the
    timeout. Returns (exit code, or None on a timeout; the end of the log)."""
    with open(log_path or os.devnull, 'wb') as log:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                             stderr=subprocess.STDOUT, start_new_session=True)
        try:
            rc = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(p.pid)
            p.wait()
            rc = None
        try:   # whatever it left running in its group (it should have left nothing)
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    return rc, _log_tail(log_path)
