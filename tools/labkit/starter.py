"""Generating trees from the reference: the student starter tree, and trees with some
labs filled in from the reference (for students who missed a lab, for self-validation)."""
import os
import shutil
import subprocess

from . import labs, markers

MARKED_DIRS = ('kernel/', 'guest-minilinux/', 'userland/')
MARKED_SUFFIXES = ('.c', '.h', '.S')
# instructor-only material never goes into a student tree
INSTRUCTOR_ONLY = ('solutions/', 'autograder/tests/hostile/', '.ci/')


# what a walk leaves out (as the kit's .gitignore does for git)
SKIPPED_DIRS = ('build', '.git', '__pycache__')
SKIPPED_SUFFIXES = ('.o', '.d', '.pyc')


def is_git_root(tree):
    """Whether `tree` is the top of a git work tree. A tree nested in another repository
    (build/starter, a submission folder) is not: git would list the outer one's files."""
    try:
        top = subprocess.run(['git', '-C', tree, 'rev-parse', '--show-toplevel'],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return False
    return os.path.realpath(top) == os.path.realpath(tree)


def walk_files(tree):
    """Every file of the tree but build/, .git and build products."""
    files = []
    for root, dirs, names in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        files += [os.path.relpath(os.path.join(root, n), tree) for n in names
                  if n not in SKIPPED_DIRS and not n.endswith(SKIPPED_SUFFIXES)]   # .git: a file in a worktree
    return sorted(files)


def source_files(tree):
    """Files of the tree: git's list when it is a repository of its own, else a walk."""
    if not is_git_root(tree):
        return walk_files(tree)
    out = subprocess.run(['git', '-C', tree, 'ls-files', '-co', '--exclude-standard'],
                         capture_output=True, text=True, check=True).stdout
    return sorted(p for p in out.splitlines() if os.path.isfile(os.path.join(tree, p)))


def is_marked(path):
    return path.startswith(MARKED_DIRS) and path.endswith(MARKED_SUFFIXES)


def check_markers(tree):
    """Parse every marked file; raise MarkerError on the first problem. Returns
    {lab: number of regions}."""
    known = labs.lab_numbers(tree)
    count = {n: 0 for n in known}
    for path in filter(is_marked, source_files(tree)):
        with open(os.path.join(tree, path)) as f:
            for r in markers.parse(path, f.readlines(), known):
                count[r.lab] += 1
    return count


def make_tree(src, dst, filled, instructor=False):
    """Write a copy of `src` to `dst` where only labs in `filled` keep the reference code."""
    known = labs.lab_numbers(src)
    if os.path.exists(dst):
        shutil.rmtree(dst)
    for path in source_files(src):
        if not instructor and path.startswith(INSTRUCTOR_ONLY):
            continue
        s, d = os.path.join(src, path), os.path.join(dst, path)
        os.makedirs(os.path.dirname(d), exist_ok=True)
        if is_marked(path):
            with open(s) as f:
                lines = f.readlines()
            with open(d, 'w') as f:
                f.writelines(markers.slice_lines(path, lines, known, set(filled)))
            shutil.copymode(s, d)
        else:
            shutil.copy2(s, d)
