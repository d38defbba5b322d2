"""Mutation testing of a lab: grade each instructor mutant and require that none of them
gets full marks.

A lab's mutants live in solutions/labN/mutants.json (instructor material, never in a
starter tree): realistic wrong solutions, each one small edit of the reference lab code.

    {"name": "rollover_no_flush", "file": "kernel/core/asid.c",
     "rule": "a new ASID generation flushes the whole TLB",
     "find": "exact text, present once", "replace": "what a student might write instead"}

Each worker grades its mutants in one tree of its own (labs 1..N filled from the reference),
applying one edit at a time and putting the file back afterwards, so only what changed is
rebuilt. A mutant whose `find` text is not in the file exactly once is an error of the
manifest: the reference moved on and the mutant must be updated.

The fast check (`fast_check()`, part of `make test-labs`) runs each mutant against the
lab's unit tests only, in a tree whose unit tests are already built: one object is
recompiled and the test program relinked per mutant (about a second). A mutant that only
a system test can catch says so with "killed_by": "system"; the fast check skips it and
fails on a mutant without it that survives the unit tests.
"""
import concurrent.futures
import json
import os
import shutil
import subprocess

from . import grade, labs, starter
from .procs import run_bounded, scaled


class MutantError(Exception):
    """A malformed mutants.json or a mutant that no longer applies."""


def has_mutants(root, lab):
    return os.path.exists(os.path.join(root, 'solutions', f'lab{lab}', 'mutants.json'))


def load(root, lab):
    path = os.path.join(root, 'solutions', f'lab{lab}', 'mutants.json')
    if not os.path.exists(path):
        raise MutantError(f'lab {lab} has no mutants ({path})')
    with open(path) as f:
        mutants = json.load(f)['mutants']
    for m in mutants:
        missing = {'name', 'file', 'rule', 'find', 'replace'} - set(m)
        if missing:
            raise MutantError(f'{path}: mutant {m.get("name", "?")} lacks {sorted(missing)}')
    return mutants


def apply(tree, m):
    """Apply mutant m in tree; return the file's original text (to restore it)."""
    path = os.path.join(tree, m['file'])
    with open(path) as f:
        original = f.read()
    if original.count(m['find']) != 1:
        raise MutantError(f'mutant {m["name"]}: its text is found {original.count(m["find"])} '
                          f'times in {m["file"]}, not once: update it to the reference')
    with open(path, 'w') as f:
        f.write(original.replace(m['find'], m['replace']))
    return original


def grade_mutants(root, lab, mutants, tree, log):
    """Grade `mutants` one after the other in `tree`; yield (mutant, LabResult)."""
    for m in mutants:
        original = apply(tree, m)
        try:
            log_dir = os.path.join(tree, 'build', 'mutants', m['name'])
            yield m, grade.grade(tree, lab, log_dir, lambda msg: None)
        finally:
            with open(os.path.join(tree, m['file']), 'w') as f:
                f.write(original)


FAST_BINARY = 'build/unit/unit-tests-unaudited'


def unit_failures(tree, lab, name):
    """Build the unaudited unit tests of `tree` and run lab `lab`'s: the failing TCases, or
    None if the build failed (a mutant that does not compile is caught too)."""
    build = subprocess.run(['make', '--no-print-directory', '-s', FAST_BINARY], cwd=tree,
                           capture_output=True, text=True)
    if build.returncode:
        return None
    xml = os.path.abspath(os.path.join(tree, 'build', 'mutants-fast', name + '.xml'))
    os.makedirs(os.path.dirname(xml), exist_ok=True)
    env = dict(os.environ, CK_INCLUDE_TAGS=f'lab{lab}', CK_XML_LOG_FILE_NAME=xml,
               CK_VERBOSITY='silent')
    run_bounded([os.path.abspath(os.path.join(tree, FAST_BINARY))], tree, scaled(120), env,
                os.path.join(os.path.dirname(xml), name + '.log'))
    return sorted(t for t, (ok, _) in grade.parse_check_xml(xml).items() if not ok)


def fast_check(root, lab, tree, log):
    """Every mutant of `lab` not marked "killed_by": "system" must fail a unit test of the
    lab in `tree` (labs 1..lab filled, unit tests built). Returns the list of problems."""
    problems = []
    for m in load(root, lab):
        if m.get('killed_by') == 'system':
            continue
        original = apply(tree, m)
        try:
            failing = unit_failures(tree, lab, m['name'])
        finally:
            with open(os.path.join(tree, m['file']), 'w') as f:
                f.write(original)
        log(f'mutants: lab {lab} {m["name"]}: ' + ('does not build' if failing is None else
                                                 ' '.join(failing) or 'NO UNIT TEST FAILS'))
        if failing is None:
            problems.append(f'lab {lab} mutant {m["name"]} does not build: fix its replace text')
        elif not failing:
            problems.append(f'lab {lab} mutant {m["name"]} ({m["rule"]}) passes every unit test '
                            '(if only a system test catches it, mark it "killed_by": "system")')
    return problems


def run_fast(root, lab, out, log):
    """`labtool mutants --fast`: fast_check() in a fresh tree; 1 if a mutant survived."""
    shutil.rmtree(out, ignore_errors=True)
    starter.make_tree(root, out, [n for n in labs.lab_numbers(root) if n <= lab])
    subprocess.run(['make', '--no-print-directory', '-s', '-j2', FAST_BINARY], cwd=out, check=True)
    problems = fast_check(root, lab, out, log)
    for p in problems:
        print('FAIL: ' + p)
    if not problems:
        print(f'PASS: every mutant of lab {lab} fails a unit test, or is marked "killed_by": "system"')
    return 1 if problems else 0


def run(root, lab, out, jobs, log):
    """Grade every mutant of `lab`; print the table; 1 if one survived, else 0."""
    mutants = load(root, lab)
    filled = [n for n in labs.lab_numbers(root) if n <= lab]
    shutil.rmtree(out, ignore_errors=True)
    trees = []
    for w in range(max(1, jobs)):
        tree = os.path.join(out, f'tree{w}')
        starter.make_tree(root, tree, filled, instructor=True)
        trees.append(tree)
    log(f'mutants: grading {len(mutants)} mutants of lab {lab} in {len(trees)} trees under {out}')
    shares = [mutants[w::len(trees)] for w in range(len(trees))]
    rows, survived = [], []
    with concurrent.futures.ThreadPoolExecutor(len(trees)) as ex:
        work = [ex.submit(lambda s, t: list(grade_mutants(root, lab, s, t, log)), s, t)
                for s, t in zip(shares, trees)]
        for fut in work:
            for m, res in fut.result():
                failing = [t.name for t in res.tests if t.status != 'passed']
                rows.append((m['name'], f'{res.score}/{res.max_score}', ' '.join(failing)))
                log(f'mutants: {m["name"]}: {res.score}/{res.max_score}')
                if not failing:
                    survived.append(f'{m["name"]} ({m["rule"]})')
    width = max(len(r[0]) for r in rows)
    print(f'{"mutant":<{width}}  score   failing tests')
    for name, sc, failing in sorted(rows):
        print(f'{name:<{width}}  {sc:<7} {failing or "NONE: full marks"}')
    if survived:
        print(f'FAIL: {len(survived)} mutant(s) of lab {lab} get full marks: ' + '; '.join(survived))
        return 1
    print(f'PASS: all {len(rows)} mutants of lab {lab} lose points')
    return 0
