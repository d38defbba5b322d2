"""Grading a student submission safely.

Only the lab's manifest files are taken from the submission and copied onto a clean,
trusted tree generated from the reference, so a submission can never change tests,
Makefiles or the harness. A submission is a directory, a zip file, or a git repository.
"""
import os
import shutil
import subprocess
import tempfile
import zipfile

from . import grade, labs, starter

MAX_FILE = 1 << 20   # a student file larger than this is not source code


class SubmissionError(Exception):
    """The submission cannot be read: the message says why."""


def unpack(sub, work):
    """Return a directory holding the submission's files."""
    if os.path.isdir(sub) and not os.path.isdir(os.path.join(sub, '.git')):
        return sub
    dest = os.path.join(work, 'submission')
    if zipfile.is_zipfile(sub):
        with zipfile.ZipFile(sub) as z:
            for info in z.infolist():
                target = os.path.realpath(os.path.join(dest, info.filename))
                if not target.startswith(os.path.realpath(dest) + os.sep):
                    raise SubmissionError(f'zip entry escapes the folder: {info.filename}')
                if info.file_size <= MAX_FILE:
                    z.extract(info, dest)
        return dest
    r = subprocess.run(['git', 'clone', '-q', '--depth', '1', sub, dest],
                       capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, GIT_TERMINAL_PROMPT='0'))
    if r.returncode:
        raise SubmissionError(f'not a directory, zip or git repository: {sub}: '
                              f'{r.stderr.strip()[:300]}')
    return dest


def find(root, rel):
    """A student file at root/rel, or at root/<one folder>/rel (zips often add one)."""
    direct = os.path.join(root, rel)
    if os.path.isfile(direct):
        return direct
    nested = [os.path.join(root, d, rel) for d in sorted(os.listdir(root))
              if os.path.isfile(os.path.join(root, d, rel))]
    return nested[0] if len(nested) == 1 else None


def prepare(trusted, sub_dir, lab, earlier, dest):
    """Build the tree to grade: reference-generated, labs > lab stubbed, then the student's
    files of labs 1..lab (or only of `lab` when earlier == 'reference') copied in.
    Returns notes about missing files."""
    filled = [n for n in labs.lab_numbers(trusted) if n < lab] if earlier == 'reference' else []
    starter.make_tree(trusted, dest, filled)
    notes = []
    for n, files in labs.files_up_to(trusted, lab).items():
        if earlier == 'reference' and n < lab:
            continue
        for rel in files:
            src = find(sub_dir, rel)
            if not src:
                notes.append(f'{rel} is missing from the submission: the starter version is graded')
            elif os.path.getsize(src) > MAX_FILE:
                notes.append(f'{rel} is larger than {MAX_FILE} bytes: the starter version is graded')
            else:
                shutil.copyfile(src, os.path.join(dest, rel))
    return notes


def grade_submission(trusted, sub, lab, earlier='submission', log=print):
    """Grade `sub` for `lab`. Returns (LabResult, notes)."""
    with tempfile.TemporaryDirectory(prefix='mv-grade-') as work:
        sub_dir = unpack(sub, work)
        tree = os.path.join(work, 'tree')
        notes = prepare(trusted, sub_dir, lab, earlier, tree)
        for n in notes:
            log(f'grade: note: {n}')
        log_dir = os.path.join(work, 'logs')
        res = grade.grade(tree, lab, log_dir, log)
        kept = os.path.join(trusted, 'build', 'grade-logs', f'lab{lab}-{os.getpid()}')
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(log_dir, kept)
        res.log_dir = kept
        for t in res.tests:
            t.reason = t.reason.replace(log_dir, kept)
        return res, notes
