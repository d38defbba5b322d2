"""Grading a student submission safely.

Only the lab's manifest files are taken from the submission and copied onto a clean,
trusted tree generated from the reference, so a submission can never change tests,
Makefiles or the harness. A submission is a directory, a zip file, or a git repository.

A file is taken only if it is a regular file reached without any symbolic link, and not
a hard link: a link could point at the reference solution on the grading machine (which
would then be graded), or at anything else. Such a file counts as missing, with a reason
saying so.
"""
import os
import re
import stat
import tempfile
import traceback
import zipfile
import zlib

from . import grade, labs, starter
from .procs import run_bounded, scaled

MAX_FILE = 1 << 20      # a student file larger than this is not source code
# A zip beyond these is not a submission (a whole tree with its build/ is well below):
# its entries' count and their declared uncompressed total, checked before extracting
# anything, so a zip bomb costs no more than reading its directory.
MAX_ZIP_ENTRIES = 10000
MAX_ZIP_BYTES = 256 << 20
CLONE_TIMEOUT = 120     # seconds for `git clone`, before MV_TIMEOUT_SCALE


class SubmissionError(Exception):
    """The submission cannot be read: the message says why."""


# ---- unpacking: a directory, a zip or a git repository -> a directory ----

def unsafe_zip_name(name):
    """An absolute path or one with '..': extracting it could write outside the folder."""
    parts = name.replace('\\', '/').split('/')
    return name.startswith(('/', '\\')) or re.match(r'[A-Za-z]:', name) or '..' in parts


def is_zip_symlink(info):
    return stat.S_ISLNK(info.external_attr >> 16)


def wanted_entry(name, wanted):
    """Whether a zip entry is one of the files we grade, at the top or in one folder."""
    return any(name == rel or (name.endswith('/' + rel) and name.count('/') == rel.count('/') + 1)
               for rel in wanted)


def extract_file(z, info, dest):
    """Write one regular zip entry under dest. O_EXCL|O_NOFOLLOW: a duplicate entry, or
    anything not made by us, is refused rather than written through."""
    path = os.path.join(dest, info.filename)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise SubmissionError(f'the zip holds {info.filename} twice') from None
    with os.fdopen(fd, 'wb') as out, z.open(info) as src:
        out.write(src.read(MAX_FILE + 1))


def check_zip_size(infos):
    """Refuse a zip with too many entries or too much to unpack (a zip bomb). Only the
    wanted files are extracted, each capped, but the limits also bound the time spent."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise SubmissionError(f'the zip has {len(infos)} entries, more than {MAX_ZIP_ENTRIES}; '
                              "zip only the lab's files")
    total = sum(info.file_size for info in infos)
    if total > MAX_ZIP_BYTES:
        raise SubmissionError(f'the zip would unpack to {total >> 20} MiB, more than '
                              f"{MAX_ZIP_BYTES >> 20} MiB; zip only the lab's files")


def unzip(path, dest, wanted):
    """Extract the zip's copies of the `wanted` files into dest. Returns the names of
    its symbolic-link entries, which are never extracted."""
    links = set()
    try:
        with zipfile.ZipFile(path) as z:
            check_zip_size(z.infolist())
            for info in z.infolist():
                name = info.filename
                if unsafe_zip_name(name):
                    raise SubmissionError(f'the zip has an entry with an unsafe path: {name!r} '
                                          '(absolute, or with ".."); zip the files themselves, '
                                          'with relative paths')
                if is_zip_symlink(info):
                    links.add(name.rstrip('/'))
                elif not info.is_dir() and wanted_entry(name, wanted):
                    extract_file(z, info, dest)   # at most MAX_FILE + 1 bytes: see path_problem
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
        raise SubmissionError(f'the zip cannot be read: {e}') from None
    return links


def clone(repo, dest, work):
    """A shallow clone of `repo` (its committed files only) into dest, time-bounded."""
    limit = scaled(CLONE_TIMEOUT)
    env = dict(os.environ, GIT_TERMINAL_PROMPT='0')
    rc, out = run_bounded(['git', 'clone', '-q', '--depth', '1', '--', repo, dest], work, limit,
                          env, os.path.join(work, 'clone.log'))
    if rc is None:
        raise SubmissionError(f'git clone of {repo} did not finish within {limit} s')
    if rc:
        raise SubmissionError(f'not a directory, zip or git repository: {repo}: {out.strip()[-300:]}')


def unpack(sub, work, wanted):
    """(directory holding the submission's files, names of zip entries that were links)."""
    if os.path.isdir(sub) and not os.path.isdir(os.path.join(sub, '.git')):
        return os.path.realpath(sub), set()
    dest = os.path.join(os.path.realpath(work), 'submission')
    if os.path.isfile(sub) and (zipfile.is_zipfile(sub) or sub.endswith('.zip')):
        os.makedirs(dest)
        return dest, unzip(sub, dest, wanted)
    clone(sub, dest, work)
    return dest, set()


# ---- taking one file: no links, nothing outside the submission ----

def path_problem(root, rel):
    """Why root/rel cannot be taken from the submission, or None if it can."""
    parts, path = rel.split('/'), root
    for i, part in enumerate(parts):
        path = os.path.join(path, part)
        try:
            st = os.lstat(path)
        except OSError as e:
            return f'{rel} cannot be read: {e.strerror}'
        if stat.S_ISLNK(st.st_mode):
            if i == len(parts) - 1:
                return f'{rel} is a symbolic link; submit the file itself'
            return f'{"/".join(parts[:i + 1])} (in {rel}) is a symbolic link; submit the files themselves'
    if not stat.S_ISREG(st.st_mode):
        return f'{rel} is not a regular file'
    # A hard link is refused, not copied: its content may be another file's, such as the
    # reference solution on the same file system (linked, where the system allows it,
    # even by someone who cannot read it), and copying would grade that. Nothing we
    # unpack makes one (zip extraction, git clone), and a copy is always possible.
    if st.st_nlink > 1:
        return f'{rel} is a hard link; submit a copy of the file'
    if os.path.commonpath([os.path.realpath(path), root]) != root:
        return f'{rel} is outside the submission'
    if st.st_size > MAX_FILE:
        return f'{rel} is larger than {MAX_FILE} bytes'
    return None


def locate(root, rel, zip_links):
    """Find the student's copy of rel: at root/rel, or at root/<one folder>/rel (zips
    often add one). Returns (path relative to root, None) or (None, why not)."""
    candidates = [rel] + [f'{d}/{rel}' for d in sorted(os.listdir(root)) if d != '.git']
    present = [c for c in candidates if c in zip_links or os.path.lexists(os.path.join(root, c))]
    if not present:
        return None, f'{rel} is missing from the submission'
    found = present[0] if present[0] == rel or len(present) == 1 else None
    if not found:
        return None, f'{rel} is in several folders of the submission ({", ".join(present)}); keep one'
    if found in zip_links:
        return None, f'{found} is a symbolic link; submit the file itself'
    problem = path_problem(root, found)
    return (None, problem) if problem else (found, None)


def read_student_file(root, rel):
    """The bytes of a file path_problem() accepted, opened without following a link
    (should it have been swapped for one since) and without blocking on a FIFO."""
    fd = os.open(os.path.join(root, rel), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, 'rb') as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f'{rel} is not a regular file')
        return f.read(MAX_FILE + 1)


# ---- the tree to grade ----

def prepare(trusted, sub_dir, zip_links, lab, earlier, dest):
    """Build the tree to grade: reference-generated, labs > lab stubbed, then the student's
    files of labs 1..lab (or only of `lab` when earlier == 'reference') copied in.
    Returns the files not taken, as [(their lab, path, why)]: their starter version stays."""
    filled = [n for n in labs.lab_numbers(trusted) if n < lab] if earlier == 'reference' else []
    starter.make_tree(trusted, dest, filled)
    not_taken = []
    for n, files in labs.files_up_to(trusted, lab).items():
        if earlier == 'reference' and n < lab:
            continue
        for rel in files:
            found, problem = locate(sub_dir, rel, zip_links)
            if found:
                try:
                    data = read_student_file(sub_dir, found)
                except OSError as e:
                    problem = f'{rel} cannot be read: {e}'
            if problem:
                not_taken.append((n, rel, problem))
                continue
            with open(os.path.join(dest, rel), 'wb') as f:
                f.write(data)
    return not_taken


def submission_name(sub):
    """A name for a submission's logs: its file or folder name without .zip or .git."""
    name = os.path.basename(os.path.normpath(sub)) or 'submission'
    return re.sub(r'\.(zip|git)$', '', name)


def grade_submission(trusted, sub, lab, earlier='submission', log=print, log_dir=None):
    """Grade `sub` for `lab`. The logs are kept in log_dir (by default
    build/grade-logs/lab<lab>/<submission name>/), which the reasons point to.
    Returns a LabResult whose notes say what was not taken from the submission."""
    log_dir = os.path.abspath(log_dir or os.path.join(
        trusted, 'build', 'grade-logs', f'lab{lab}', submission_name(sub)))
    wanted = [rel for files in labs.files_up_to(trusted, lab).values() for rel in files]
    with tempfile.TemporaryDirectory(prefix='mv-grade-') as work:
        sub_dir, zip_links = unpack(sub, work, wanted)
        tree = os.path.join(work, 'tree')
        not_taken = prepare(trusted, sub_dir, zip_links, lab, earlier, tree)
        this_lab = [why for n, _, why in not_taken if n == lab]
        nothing_to_grade = len(this_lab) == len(labs.load(trusted, lab)['files'])
        notes = [f'{why}: its starter version is graded instead' for n, _, why in not_taken
                 if not (nothing_to_grade and n == lab)]
        for note in notes:
            log(f'grade: note: {note}')
        if nothing_to_grade:
            # none of this lab's own code: its stubs would score 0 (test-labs checks that),
            # so say why at once instead of building and running them
            return grade.failed_result(trusted, lab, 'not graded: ' + '; '.join(this_lab), notes)
        res = grade.grade(tree, lab, log_dir, log)
        res.notes = notes
        return res


def grade_safely(trusted, sub, lab, earlier='submission', log=print, log_dir=None):
    """grade_submission() that always returns a result: a submission that cannot be set
    up (a bad zip, a failed clone), or a grader bug, scores 0 with the reason, so that
    Gradescope and batch grading show something meaningful. Returns (LabResult, whether
    the grader itself failed)."""
    try:
        return grade_submission(trusted, sub, lab, earlier, log, log_dir), False
    except SubmissionError as e:
        return grade.failed_result(trusted, lab, f'the submission could not be graded: {e}'), False
    except labs.LabError:
        raise   # the course's own manifest is broken: no report could be right
    except Exception as e:   # a grader bug: still leave a report behind
        log(traceback.format_exc())
        return grade.failed_result(trusted, lab, f'the grader failed ({type(e).__name__}: {e}); '
                                   'please tell your instructor'), True
