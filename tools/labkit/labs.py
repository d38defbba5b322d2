"""Lab manifests: labs/labN/lab.json says which files students edit and what each test is
worth. labs/README.md describes the format:

    {"lab": 1, "title": "vCPU scheduling", "files": ["kernel/core/sched.c"],
     "tests": [{"name": "lab1_unit_runq_order", "points": 3},
               {"name": "lab1_sys_interleave", "points": 6, "system": "test_sched_rr",
                "needs": ["lab1_unit_runq_order"]}]}

A test's name is the name of a Check TCase tagged `labN`. `needs` lists earlier tests that
must pass for this one to mean anything; `system` names the QEMU system a system test
boots (used by `make grade-debug`).
"""
import json
import os
import re


class LabError(Exception):
    """A lab manifest is missing or malformed."""


def lab_numbers(tree):
    """The labs that exist in a tree (directories labs/labN with a lab.json)."""
    found = set()
    labs_dir = os.path.join(tree, 'labs')
    for name in os.listdir(labs_dir) if os.path.isdir(labs_dir) else []:
        m = re.fullmatch(r'lab(\d+)', name)
        if m and os.path.isfile(os.path.join(labs_dir, name, 'lab.json')):
            found.add(int(m.group(1)))
    return found


def load(tree, lab):
    """Load and check labs/lab<lab>/lab.json."""
    path = os.path.join(tree, 'labs', f'lab{lab}', 'lab.json')
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise LabError(f'{path}: {e}') from e
    names = [t.get('name') for t in data.get('tests', [])]
    if data.get('lab') != lab or not data.get('files') or not names:
        raise LabError(f'{path}: needs "lab": {lab}, "files" and "tests"')
    for t in data['tests']:
        if not isinstance(t.get('points'), int) or t['points'] <= 0:
            raise LabError(f'{path}: test {t.get("name")}: "points" must be a positive integer')
        for need in t.get('needs', []):
            if need not in names[:names.index(t['name'])]:
                raise LabError(f'{path}: test {t["name"]} needs "{need}", which is not '
                               f'an earlier test of this lab')
    if len(set(names)) != len(names):
        raise LabError(f'{path}: duplicate test names')
    return data


def files_up_to(tree, lab):
    """Student files of labs 1..lab, as {lab: [paths]}."""
    return {n: load(tree, n)['files'] for n in sorted(lab_numbers(tree)) if n <= lab}
