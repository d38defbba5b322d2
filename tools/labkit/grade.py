"""Grading one lab in one tree: build, run the lab's Check tests, score them.

Scores come only from the XML files Check's runner writes (srunner_set_xml), never from
anything a submission prints. A build failure, a crash, a hang or an output flood gives
0 for the affected tests with a readable reason, within bounded time.
"""
import os
import shutil
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from . import labs
from .procs import run_bounded, scale, scaled
from .sanitize import clean, tail

# The test binaries (built by `make grade-build`) and a time bound for each run, in
# seconds before MV_TIMEOUT_SCALE.
TIERS = (('unit', 'build/unit/unit-tests', 120), ('system', 'build/autograder/systest', 600))
BUILD_TIMEOUT = 600
CHECK_NS = '{http://check.sourceforge.net/ns}'
SERIAL_DIR = 'serial'   # in a log directory: the QEMU runs' serial logs (MV_LOG_DIR)


@dataclass
class TestResult:
    name: str
    points: int
    max_points: int
    status: str            # passed, failed, skipped
    reason: str = ''


@dataclass
class LabResult:
    lab: int
    title: str
    tests: list = field(default_factory=list)
    log_dir: str = ''
    seconds: float = 0.0
    build_error: str = ''
    notes: list = field(default_factory=list)   # about the submission, e.g. a missing file

    @property
    def score(self):
        return sum(t.points for t in self.tests)

    @property
    def max_score(self):
        return sum(t.max_points for t in self.tests)


def explain(msg):
    """Check's own terse messages, in words a student can act on."""
    if msg.startswith('Test timeout expired'):
        return ('timed out: the test did not finish within its time limit '
                '(an endless loop, or waiting for something that never happens?)')
    if msg.startswith('Received signal'):
        return f'the test crashed: {msg} (a bad pointer?)'
    if msg.startswith('Early exit with return value'):
        return (f'the test process stopped: {msg} (a sanitizer report? run `make '
                'test-unit` to see it)')
    return msg


def parse_check_xml(path):
    """{tcase name: (passed, message)} from a Check XML log; a TCase passes when all of
    its tests pass."""
    results = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return results
    for test in root.iter(CHECK_NS + 'test'):
        name = test.findtext(CHECK_NS + 'description') or ''
        ok = test.get('result') == 'success'
        msg = explain(test.findtext(CHECK_NS + 'message') or '')
        prev_ok, prev_msg = results.get(name, (True, ''))
        results[name] = (prev_ok and ok, prev_msg if not prev_ok else ('' if ok else msg))
    return results


def build(tree, lab, log_dir, log):
    log(f'grade: building lab {lab} tests (log: {log_dir}/build.log)')
    limit = scaled(BUILD_TIMEOUT)
    rc, out = run_bounded(['make', '--no-print-directory', 'grade-build', f'LAB={lab}'], tree,
                          limit, log_path=os.path.join(log_dir, 'build.log'))
    if rc == 0:
        return None
    if rc is None:
        return f'the build did not finish within {limit} s'
    errors = [l for l in out.splitlines() if 'error' in l.lower()] or out.splitlines()
    return 'the build failed:\n' + tail('\n'.join(errors), 12)


def run_tier(tree, lab, tier, log_dir, log, case=None):
    """Run one tier's binary restricted to the lab's tag (and to the TCase `case`, if
    given). Returns ({tcase: (passed, message)}, a note if it did not report)."""
    binary, limit = {t: (b, l) for t, b, l in TIERS}[tier]
    name = f'{tier}-{case}' if case else tier
    xml = os.path.abspath(os.path.join(log_dir, f'{name}.xml'))
    if os.path.exists(xml):
        os.remove(xml)
    env = dict(os.environ, CK_INCLUDE_TAGS=f'lab{lab}', CK_XML_LOG_FILE_NAME=xml,
               MV_TIMEOUT_SCALE=str(scale()), CK_TIMEOUT_MULTIPLIER=str(scale()),
               CK_VERBOSITY='normal',
               MV_LOG_DIR=os.path.abspath(os.path.join(log_dir, SERIAL_DIR)))
    if case:
        env['CK_RUN_CASE'] = case
    log(f'grade: running {tier} tests (log: {log_dir}/{name}.log)')
    start = time.time()
    rc, _ = run_bounded([os.path.abspath(os.path.join(tree, binary))], tree,
                        scaled(limit), env, os.path.join(log_dir, f'{name}.log'))
    found = parse_check_xml(xml)
    log(f'grade: {tier}: {len(found)} test cases in {time.time() - start:.0f} s')
    if rc is None:
        return found, f'the {tier} tests were stopped after {scaled(limit)} s'
    if not found and rc != 0:
        return found, f'the {tier} test program failed (exit {rc}) before reporting'
    return found, ''


def run_tiers(tree, lab, log_dir, log):
    """Run every tier's binary restricted to the lab's tag; merge their results."""
    results, notes = {}, []
    for tier, _, _ in TIERS:
        found, note = run_tier(tree, lab, tier, log_dir, log)
        results.update(found)
        notes += [note] if note else []
    return results, '; '.join(notes)


def not_run_reason(unmet, status):
    """Why a test was skipped, the same words in every report: "not run: needs A, which
    failed", or with several, "not run: needs A (failed) and B (not run)"."""
    what = {n: 'failed' if status[n] == 'failed' else 'not run' for n in unmet}
    if len(unmet) == 1:
        name = unmet[0]
        return f'not run: needs {name}, which {"failed" if what[name] == "failed" else "was not run"}'
    listed = [f'{n} ({what[n]})' for n in unmet]
    return f'not run: needs {", ".join(listed[:-1])} and {listed[-1]}'


def score(manifest, results, build_error, run_note, log_dir):
    """Turn Check results into scored tests, honouring dependencies."""
    scored, status = [], {}
    for t in manifest['tests']:
        name, pts = t['name'], t['points']
        unmet = [n for n in t.get('needs', []) if status.get(n) != 'passed']
        if build_error:
            r = TestResult(name, 0, pts, 'failed', build_error)
        elif unmet:
            r = TestResult(name, 0, pts, 'skipped', not_run_reason(unmet, status))
        elif name not in results:
            r = TestResult(name, 0, pts, 'failed', 'no result: ' + (
                run_note or 'the test did not run (is it tagged for this lab?)'))
        elif results[name][0]:
            r = TestResult(name, pts, pts, 'passed')
        else:
            r = TestResult(name, 0, pts, 'failed', clean(results[name][1]) +
                           f'\n(logs: {log_dir}/)')
        status[name] = r.status
        scored.append(r)
    return scored


def fresh_log_dir(log_dir):
    """An empty log directory (with its serial/ part): no log of an earlier run may be
    mistaken for this one's."""
    shutil.rmtree(log_dir, ignore_errors=True)
    os.makedirs(os.path.join(log_dir, SERIAL_DIR))


def grade(tree, lab, log_dir=None, log=print):
    """Grade lab `lab` in `tree`, keeping its logs in log_dir. Returns a LabResult."""
    start = time.time()
    manifest = labs.load(tree, lab)
    log_dir = os.path.abspath(log_dir or os.path.join(tree, 'build', 'grade', f'lab{lab}', 'logs'))
    fresh_log_dir(log_dir)
    build_error = build(tree, lab, log_dir, log)
    results, note = ({}, '') if build_error else run_tiers(tree, lab, log_dir, log)
    res = LabResult(lab, manifest.get('title', ''), log_dir=log_dir, build_error=build_error or '')
    res.tests = score(manifest, results, build_error, note, log_dir)
    res.seconds = time.time() - start
    return res


def failed_result(tree, lab, reason, notes=()):
    """A result where every test failed for one reason (e.g. an unreadable submission)."""
    manifest = labs.load(tree, lab)
    res = LabResult(lab, manifest.get('title', ''), notes=list(notes))
    res.tests = [TestResult(t['name'], 0, t['points'], 'failed', reason) for t in manifest['tests']]
    res.build_error = reason
    return res
