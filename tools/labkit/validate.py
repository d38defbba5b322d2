"""Self-validation of the labs, run by `make test` (tier test-labs).

For every lab N it proves that each graded test can fail and can pass:
  - the tree with labs 1..N filled from the reference (later labs still stubs) gets full
    marks on lab N: lab N's tests need nothing from later labs;
  - the tree with labs 1..N-1 filled and lab N a stub builds and gets 0 on lab N: every
    test of lab N depends on the student's code. (For N = 1 this is the starter tree.)
Then it grades the hostile submissions in autograder/tests/hostile/: each must end within
its time bound with the score and the reason its expect.json gives.
"""
import json
import os
import shutil
import time

from . import grade, labs, starter, submission

HOSTILE = 'autograder/tests/hostile'


def check(ok, what, failures, log):
    """Record one validation check: failures collects the failed ones, passes counts."""
    log(f'validate: {"PASS" if ok else "FAIL"}: {what}')
    if ok:
        check.passes += 1
    else:
        failures.append(what)


check.passes = 0


def describe(res):
    bad = [f'{t.name}={t.points}/{t.max_points}' for t in res.tests]
    return f'{res.score}/{res.max_score} ({", ".join(bad)})'


def validate_labs(root, log, failures):
    numbers = sorted(labs.lab_numbers(root))
    trees = {}
    for k in [0] + numbers:
        dest = os.path.join(root, 'build', 'validate', f'filled-{k}')
        starter.make_tree(root, dest, [n for n in numbers if n <= k])
        trees[k] = dest
    for i, n in enumerate(numbers):
        below = numbers[i - 1] if i else 0
        full = grade.grade(trees[n], n, log=log)
        check(full.score == full.max_score,
              f'lab {n}: labs <= {n} filled scores full marks: {describe(full)}', failures, log)
        zero = grade.grade(trees[below], n, log=log)
        check(not zero.build_error and zero.score == 0,
              f'lab {n}: lab {n} stubbed builds and scores 0: {describe(zero)}'
              + (f' [build: {zero.build_error[:200]}]' if zero.build_error else ''), failures, log)


def make_hostile(root, expect, dest):
    """A fake submission: the reference's student files with the case's edits applied."""
    for rel, edits in expect['edit'].items():
        with open(os.path.join(root, rel)) as f:
            text = f.read()
        for old, new in edits:
            if old not in text:
                raise ValueError(f'{rel}: hostile edit does not apply: {old[:60]!r}')
            text = text.replace(old, new, 1)
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        with open(os.path.join(dest, rel), 'w') as f:
            f.write(text)


def validate_hostile(root, log, failures):
    """Each case in autograder/tests/hostile/*.json edits the reference's student files
    into a broken or malicious submission and says what grading it must give."""
    cases_dir = os.path.join(root, HOSTILE)
    for case in sorted(os.listdir(cases_dir)) if os.path.isdir(cases_dir) else []:
        if not case.endswith('.json'):
            continue
        with open(os.path.join(cases_dir, case)) as f:
            expect = json.load(f)
        sub = os.path.join(root, 'build', 'validate', 'hostile', case[:-len('.json')])
        make_hostile(root, expect, sub)
        start = time.time()
        res, _ = submission.grade_submission(root, sub, expect['lab'],
                                             expect.get('earlier', 'reference'), log)
        secs = time.time() - start
        reasons = ' '.join(t.reason for t in res.tests)
        want = f'below {res.max_score}' if expect.get('score_below_max') else '0'
        score_ok = res.score < res.max_score if expect.get('score_below_max') else res.score == 0
        ok = score_ok and expect['reason'] in reasons and secs <= expect.get('max_seconds', 300)
        check(ok, f'hostile {case}: score {res.score} (want {want}), '
                  f'reason has "{expect["reason"]}": {expect["reason"] in reasons}, '
                  f'{secs:.0f} s (max {expect.get("max_seconds", 300)})', failures, log)


def run(root, log):
    failures = []
    starter.check_markers(root)
    validate_labs(root, log, failures)
    validate_hostile(root, log, failures)
    shutil.rmtree(os.path.join(root, 'build', 'validate'), ignore_errors=True)
    for f in failures:
        log(f'validate: FAILED: {f}')
    print(f'{check.passes} passed, {len(failures)} failed', flush=True)
    return 1 if failures else 0
