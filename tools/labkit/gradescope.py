"""Building the Gradescope autograder zip for one lab.

The zip holds setup.sh (installs the Debian/Ubuntu packages on Gradescope's Ubuntu 22.04
image), run_autograder (grades /autograder/submission and writes
/autograder/results/results.json) and the trusted source tree without instructor-only
material other than the reference code the grader needs."""
import os
import zipfile

from . import starter

SETUP = """#!/usr/bin/env bash
set -euo pipefail
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \\
    make gcc libc6-dev git python3 gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm \\
    gdb-multiarch check doxygen pkg-config
"""

RUN = """#!/usr/bin/env bash
# Gradescope entry point: grade lab {lab} of /autograder/submission.
cd /autograder/source
mkdir -p /autograder/results
python3 tools/labtool submission --lab {lab} --out /autograder/results/lab{lab} \\
    --gradescope /autograder/results/results.json /autograder/submission
"""


def build_zip(root, lab, out=None):
    out = out or os.path.join(root, 'build', 'gradescope', f'lab{lab}-autograder.zip')
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in (('setup.sh', SETUP), ('run_autograder', RUN.format(lab=lab))):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16
            z.writestr(info, text)
        for path in starter.source_files(root):
            if not path.startswith(('solutions/', '.ci/')):
                z.write(os.path.join(root, path), path)   # unpacked into /autograder/source
    return out
