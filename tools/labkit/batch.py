"""Batch grading: every submission in a directory (a sub-directory, zip or git bundle per
student), in parallel; one CSV of scores plus a report directory per student."""
import concurrent.futures
import csv
import os
import subprocess
import sys


def grade_one(root, lab, sub, out_dir, earlier):
    """Grade one submission in a child labtool process (isolated, bounded)."""
    os.makedirs(out_dir, exist_ok=True)
    cmd = [sys.executable, os.path.join(root, 'tools', 'labtool'), 'submission', '--lab',
           str(lab), '--earlier', earlier, '--out', out_dir, sub]
    with open(os.path.join(out_dir, 'grader.log'), 'w') as log:
        try:
            subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, timeout=3600)
        except subprocess.TimeoutExpired:
            pass
    score_line = ''
    path = os.path.join(out_dir, 'report.txt')
    if os.path.exists(path):
        with open(path) as f:
            score_line = f.read().strip().splitlines()[-1]
    if not score_line.startswith('Score: '):
        return 0, 0, 'grader error (see grader.log)'
    got, total = score_line[len('Score: '):].split('/')
    return int(got), int(total), 'graded'


def run(root, lab, directory, out, jobs, earlier):
    subs = sorted(e for e in os.listdir(directory) if not e.startswith('.'))
    os.makedirs(out, exist_ok=True)
    print(f'batch: grading {len(subs)} submissions for lab {lab} with {jobs} jobs -> {out}/')
    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(grade_one, root, lab, os.path.join(directory, s),
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
