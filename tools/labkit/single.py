"""Grading one test of a lab alone (`make grade-one LAB=N TEST=name`): what a GitHub
Classroom step runs, one step per graded test.

The test counts as it does in `make grade`: it passes only if every test it `needs`
(and what those need) passes too, so those run first, each alone (Check's CK_RUN_CASE),
stopping at the first failure. The build is `make grade-build`, which does nothing when
the tree is already built: a workflow builds once, then grades test after test.

Exit status 0 only on a pass. On a pass nothing is written to stderr (GitHub Classroom's
command grader counts any output there as a failure); on a failure the reason goes there,
which is what the student sees in the Classroom report.
"""
import os
import sys
import time

from . import grade, labs, report


def closure(manifest, name):
    """The tests `name` depends on, transitively, and `name` itself, in manifest order."""
    by_name = {t['name']: t for t in manifest['tests']}
    if name not in by_name:
        raise labs.LabError(f'lab {manifest["lab"]} has no test called {name} (its tests: '
                            f'{", ".join(by_name)})')
    wanted, todo = set(), [name]
    while todo:
        n = todo.pop()
        if n not in wanted:
            wanted.add(n)
            todo += by_name[n].get('needs', [])
    return [t for t in manifest['tests'] if t['name'] in wanted]


def tier_of(test):
    """Where a test's TCase lives: the manifest names the QEMU system of a system test."""
    return 'system' if 'system' in test else 'unit'


def run_one(tree, lab, test, log_dir, log):
    """Run one TCase alone; look in the other tier too if it is not where expected."""
    first = tier_of(test)
    found, note = grade.run_tier(tree, lab, first, log_dir, log, test['name'])
    if test['name'] not in found and not note:
        other = 'unit' if first == 'system' else 'system'
        found, note = grade.run_tier(tree, lab, other, log_dir, log, test['name'])
    return found, note


def grade_test(tree, lab, name, log_dir=None, log=print):
    """Grade test `name` of lab `lab` in `tree` with what it needs. Returns a LabResult
    holding just those tests; the last one is `name`."""
    start = time.time()
    manifest = labs.load(tree, lab)
    tests = closure(manifest, name)
    log_dir = os.path.abspath(log_dir or os.path.join(tree, 'build', 'grade', f'lab{lab}',
                                                      'one', name))
    grade.fresh_log_dir(log_dir)
    build_error = grade.build(tree, lab, log_dir, log)
    results, notes = {}, []
    for t in [] if build_error else tests:
        found, note = run_one(tree, lab, t, log_dir, log)
        results.update(found)
        notes += [note] if note else []
        if not found.get(t['name'], (False,))[0]:
            break   # what needs it is not run: score() says so
    res = grade.LabResult(lab, manifest.get('title', ''), log_dir=log_dir,
                          build_error=build_error or '')
    res.tests = grade.score({'tests': tests}, results, build_error, '; '.join(notes), log_dir)
    res.seconds = time.time() - start
    return res


def main(root, lab, name, out=None):
    """The command: the table on stdout; on a failure the reason on stderr; 0 on a pass."""
    res = grade_test(root, lab, name, out, log=print)
    print(report.table(res))
    target = res.tests[-1]
    if target.status == 'passed':
        print(f'PASS: {name} ({target.points}/{target.max_points} points)')
        return 0
    why = report.shared_reason(res) or target.reason
    failed = [t for t in res.tests if t.status == 'failed' and t is not target]
    if target.status == 'skipped' and failed and not report.shared_reason(res):
        why += f'\n{failed[0].name}: {failed[0].reason}'
    print(f'FAIL: {name} (0/{target.max_points} points): {why}', file=sys.stderr)
    return 1
