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
"""
import concurrent.futures
import json
import os
import shutil

from . import grade, labs, starter


class MutantError(Exception):
    """A malformed mutants.json or a mutant that no longer applies."""


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
