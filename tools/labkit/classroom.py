"""GitHub Classroom: the autograding workflow of one lab (`make classroom LAB=N`).

The workflow (.github/workflows/classroom.yml of the lab's template repository) installs
the Debian packages (their .deb files cached between runs), builds once, then has one
classroom-resources/autograding-command-grader step per graded test of the manifest,
running `make grade-one LAB=N TEST=name` (exit 0 only on a pass; the build is then a
no-op), worth the test's points, and finally the grading reporter with every step's id.

The command grader runs its command without a shell (arguments split on spaces), counts
any output on stderr as a failure, and takes its timeout in minutes. The student owns the
repository and so the workflow: these grades are advisory (README, Instructors).
"""
import math
import os
import shlex

from . import grade, labs, procs, single

WORKFLOW = os.path.join('.github', 'workflows', 'classroom.yml')
RUNNER = 'ubuntu-24.04'   # the image the workflow is known to work on (README, Instructors)
MAX_TIMEOUT = 60          # minutes: the command grader's maximum
APT_CACHE = '~/apt-cache'

HEADER = """\
---
# GitHub Classroom autograding of lab {lab} ({title}),
# written by `make classroom LAB={lab}` from labs/lab{lab}/lab.json:
# one step per graded test, {total} points in all.
# The student owns this repository and can change this file: grades here
# are advisory. Re-grade centrally with `tools/labtool batch` before they
# count (the kit's README, Instructors).
name: Autograding Tests
"on":
  - push
  - repository_dispatch
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: {runner}
    if: github.actor != 'github-classroom[bot]'
    env:
      MV_TIMEOUT_SCALE: "{scale}"
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Cache the Debian packages (.deb files)
        uses: actions/cache@v4
        with:
          path: {cache}
          key: apt-{runner}-${{{{ hashFiles('tools/install-deps.sh') }}}}
      - name: Install the Debian packages
        run: |
          mkdir -p {cache}/partial
          MV_APT_CACHE={cache} tools/install-deps.sh
          sudo chown -R "$(id -u)" {cache}
      - name: Build once (each test step then only runs its test)
        run: make grade-build LAB={lab}
        continue-on-error: true  # a build error is each test's reason to fail
"""

STEP = """\
      - name: {name}
        id: {name}
        uses: classroom-resources/autograding-command-grader@v1
        with:
          test-name: {name}
          setup-command: ""
          command: {command}
          timeout: {timeout}
          max-score: {points}
"""


def command(lab, name):
    return f'make grade-one LAB={lab} TEST={name}'


def timeout_minutes(manifest, name):
    """Room for the test and what it needs, each within its tier's bound, scaled."""
    limits = {tier: limit for tier, _, limit in grade.TIERS}
    seconds = sum(limits[single.tier_of(t)] for t in single.closure(manifest, name))
    return min(MAX_TIMEOUT, math.ceil(seconds * procs.scale() / 60) + 2)


def env_name(step_id):
    """The variable the reporter reads a step's result from (its id, upper case)."""
    return f'{step_id.upper()}_RESULTS'


def workflow(root, lab):
    """The workflow's text for lab `lab`."""
    manifest = labs.load(root, lab)
    names = [t['name'] for t in manifest['tests']]
    text = HEADER.format(lab=lab, title=manifest.get('title', ''), runner=RUNNER,
                         total=sum(t['points'] for t in manifest['tests']),
                         scale=f'{procs.scale():g}', cache=APT_CACHE)
    for t in manifest['tests']:
        text += STEP.format(name=t['name'], command=command(lab, t['name']),
                            timeout=timeout_minutes(manifest, t['name']), points=t['points'])
    text += ('      - name: Autograding Reporter\n'
             '        uses: classroom-resources/autograding-grading-reporter@v1\n'
             '        env:\n')
    text += ''.join(f'          {env_name(n)}: "${{{{ steps.{n}.outputs.result }}}}"\n'
                    for n in names)
    text += '        with:\n          runners: >-\n'   # folded: the reporter trims each id
    text += ''.join(f'            {n},\n' for n in names[:-1]) + f'            {names[-1]}\n'
    return text


def write(root, lab, tree):
    """Write the workflow into `tree` (a lab's template repository). Returns its path."""
    path = os.path.join(tree, WORKFLOW)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(workflow(root, lab))
    return path


def graders(doc):
    """{step id: step} of the command-grader steps of a parsed workflow."""
    steps = doc['jobs']['run-autograding-tests']['steps']
    return {s.get('id'): s for s in steps
            if str(s.get('uses', '')).startswith('classroom-resources/autograding-command-grader')}


def problems(root, lab, doc):
    """What is wrong with a parsed workflow for lab `lab`: a test without its step, points
    that do not add up, a step the reporter does not read. [] when it is right."""
    manifest = labs.load(root, lab)
    found, out = graders(doc), []
    steps = doc['jobs']['run-autograding-tests']['steps']
    for t in manifest['tests']:
        step = found.get(t['name'])
        if not step:
            out.append(f'test {t["name"]} has no autograding-command-grader step')
            continue
        w = step.get('with', {})
        if w.get('test-name') != t['name'] or w.get('max-score') != t['points']:
            out.append(f'step {t["name"]}: test-name {w.get("test-name")!r}, max-score '
                       f'{w.get("max-score")!r} (want {t["points"]})')
        if shlex.split(str(w.get('command', ''))) != shlex.split(command(lab, t['name'])):
            out.append(f'step {t["name"]}: command {w.get("command")!r} does not grade it')
        if not isinstance(w.get('timeout'), int) or not 0 < w['timeout'] <= MAX_TIMEOUT:
            out.append(f'step {t["name"]}: timeout {w.get("timeout")!r} is not 1..{MAX_TIMEOUT} minutes')
    total = sum(s.get('with', {}).get('max-score', 0) for s in found.values())
    want = sum(t['points'] for t in manifest['tests'])
    if total != want:
        out.append(f'the steps are worth {total} points, the lab {want}')
    reporter = [s for s in steps if 'autograding-grading-reporter' in str(s.get('uses'))]
    if len(reporter) != 1 or steps[-1] is not reporter[0]:
        out.append('the last step must be the one autograding-grading-reporter')
    else:
        runners = [r.strip() for r in str(reporter[0].get('with', {}).get('runners', '')).split(',')]
        env = reporter[0].get('env', {})
        if sorted(runners) != sorted(found):
            out.append(f'the reporter reads {runners}, the grader steps are {sorted(found)}')
        out += [f'the reporter has no {env_name(r)} for step {r}' for r in runners
                if f'steps.{r}.outputs.result' not in str(env.get(env_name(r), ''))]
    return out
