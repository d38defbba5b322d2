"""Building the Gradescope autograder zip for one lab.

The zip holds setup.sh (installs the Debian/Ubuntu packages on Gradescope's Ubuntu 22.04
image), run_autograder (grades /autograder/submission and writes
/autograder/results/results.json) and the trusted source tree. The tree carries no
instructor-only material, and the reference code only of the labs before this one
(which `--earlier reference` grades with): the student's code runs on the grading
machine, so the solution of the lab being graded must not be there to read.
"""
import os
import zipfile

from . import labs, markers, procs, starter

SETUP = """#!/usr/bin/env bash
set -euo pipefail
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \\
    make gcc libc6-dev git python3 gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm \\
    gdb-multiarch check doxygen pkg-config
"""

# If labtool itself fails before writing results.json, Gradescope would show only "the
# autograder failed": write a score of 0 that says so instead.
RUN = """#!/usr/bin/env bash
# Gradescope entry point: grade lab {lab} of /autograder/submission.
# Every time limit is scaled by MV_TIMEOUT_SCALE (`make gradescope TIMEOUT_SCALE=N`).
export MV_TIMEOUT_SCALE="${{MV_TIMEOUT_SCALE:-{scale}}}"
cd /autograder/source
mkdir -p /autograder/results
python3 tools/labtool submission --lab {lab} --earlier {earlier} \\
    --out /autograder/results/lab{lab} \\
    --gradescope /autograder/results/results.json /autograder/submission
rc=$?
if [ ! -s /autograder/results/results.json ]; then
    printf '{{"score": 0, "output": "The autograder failed (exit %s) before grading: please tell your instructor."}}\\n' \\
        "$rc" >/autograder/results/results.json
fi
"""


def source_text(root, path, before):
    """A marked file's text with only labs in `before` keeping their reference code."""
    with open(os.path.join(root, path)) as f:
        lines = f.readlines()
    return ''.join(markers.slice_lines(path, lines, labs.lab_numbers(root), before))


def trusted_files(root, lab):
    """The trusted tree an autograder machine holds for lab `lab`, as (path, text or None
    for "copy the file as it is", mode): no instructor material, and reference code only
    of the labs before `lab`. Gradescope's zip and PrairieLearn's directory hold it."""
    before = {n for n in labs.lab_numbers(root) if n < lab}
    for path in starter.source_files(root):
        if path.startswith(starter.INSTRUCTOR_ONLY):
            continue
        mode = os.stat(os.path.join(root, path)).st_mode & 0o777
        yield path, source_text(root, path, before) if starter.is_marked(path) else None, mode


def build_zip(root, lab, out=None, earlier='submission'):
    out = out or os.path.join(root, 'build', 'gradescope', f'lab{lab}-autograder.zip')
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in (('setup.sh', SETUP),
                           ('run_autograder', RUN.format(lab=lab, earlier=earlier,
                                                         scale=f'{procs.scale():g}'))):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16
            z.writestr(info, text)
        for path, text, mode in trusted_files(root, lab):   # unpacked into /autograder/source
            if text is None:
                z.write(os.path.join(root, path), path)
                continue
            info = zipfile.ZipInfo(path)
            info.external_attr = mode << 16
            z.writestr(info, text, zipfile.ZIP_DEFLATED)
    return out
