"""Batch grading: every submission in a directory (a sub-directory, zip or git bundle per
student), in parallel; one CSV of scores plus a report directory per student."""
import concurrent.futures
import csv
import json
import os
import shutil
import sys

from . import grade, report
from .procs import run_bounded, scaled

SUBMISSION_TIMEOUT = 3600   # seconds for one submission, before MV_TIMEOUT_SCALE


def run_child(cmd, log_path, limit, tmp_dir):
    """Run one grading child with its temporary files in tmp_dir; at the time limit kill
    it and every process under it (make, the test programs, QEMU). Returns False on a
    timeout. tmp_dir is removed: a killed child cannot clean up."""
    os.makedirs(tmp_dir, exist_ok=True)
    try:
        rc, _ = run_bounded(cmd, None, limit, env=dict(os.environ, TMPDIR=tmp_dir),
                            log_path=log_path)
        return rc is not None
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


def read_score(out_dir):
    """(score, max) from the last line of report.txt, or None if there is none."""
    try:
        with open(os.path.join(out_dir, 'report.txt')) as f:
            last = f.read().strip().splitlines()[-1]
        got, total = last[len('Score: '):].split('/') if last.startswith('Score: ') else ('', '')
        return int(got), int(total)
    except (OSError, IndexError, ValueError):
        return None


def status_of(out_dir):
    """The CSV's status: "graded", or with the one reason every test failed for (the
    build failed, the zip could not be read...) so the CSV shows it without a report."""
    try:
        with open(os.path.join(out_dir, 'results.json')) as f:
            outputs = {t['output'] for t in json.load(f)['tests']}
    except (OSError, ValueError, KeyError, TypeError):
        return 'graded'
    if len(outputs) != 1 or outputs == {'passed'}:
        return 'graded'
    return 'graded: ' + outputs.pop().splitlines()[0][:200]


def grade_one(root, lab, sub, out_dir, earlier, limit=None):
    """Grade one submission in a child labtool process (isolated, bounded by `limit`
    seconds, by default an hour scaled). When the child gives no report, write one (score
    0 and why) so that the student's directory explains it."""
    os.makedirs(out_dir, exist_ok=True)
    cmd = [sys.executable, os.path.join(root, 'tools', 'labtool'), 'submission', '--lab',
           str(lab), '--earlier', earlier, '--out', out_dir, sub]
    limit = limit or scaled(SUBMISSION_TIMEOUT)
    if os.path.exists(os.path.join(out_dir, 'report.txt')):
        os.remove(os.path.join(out_dir, 'report.txt'))   # an earlier batch's must not count
    finished = run_child(cmd, os.path.join(out_dir, 'grader.log'), limit,
                         os.path.join(out_dir, 'tmp'))
    scored = read_score(out_dir) if finished else None
    if scored:
        return scored[0], scored[1], status_of(out_dir)
    why = (f'grading stopped after {limit} s (the time limit for one submission)' if not finished
           else 'the grader failed without a report (see grader.log)')
    res = grade.failed_result(root, lab, why)
    report.write_all(res, out_dir)
    return 0, res.max_score, why


def run(root, lab, directory, out, jobs, earlier):
    subs = sorted(e for e in os.listdir(directory) if not e.startswith('.'))
    os.makedirs(out, exist_ok=True)
    print(f'batch: grading {len(subs)} submissions for lab {lab} with {jobs} jobs -> {out}/')
    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(grade_one, root, lab, os.path.abspath(os.path.join(directory, s)),
                               os.path.join(out, os.path.splitext(s)[0]), earlier): s for s in subs}
        for i, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            student = os.path.splitext(futures[fut])[0]
            got, total, status = fut.result()
            rows.append((student, got, total, status))
            print(f'batch: [{i}/{len(subs)}] {student}: {got}/{total} {status}', flush=True)
    with open(os.path.join(out, 'scores.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['student', 'score', 'max_score', 'status'])
        w.writerows(sorted(rows))
    print(f'batch: scores written to {out}/scores.csv')
    return 0
