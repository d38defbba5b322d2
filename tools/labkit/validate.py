"""Self-validation of the labs, run by `make test` (tier test-labs).

For every lab N it proves that each graded test can fail and can pass:
  - the tree with labs 1..N filled from the reference (later labs still stubs) gets full
    marks on lab N: lab N's tests need nothing from later labs;
  - the tree with labs 1..N-1 filled and lab N a stub builds and gets 0 on lab N: every
    test of lab N depends on the student's code. (For N = 1 this is the starter tree.)
and that each instructor mutant of lab N not marked "killed_by": "system" fails one of the
lab's unit tests (mutants.fast_check()). Then it grades the hostile submissions in autograder/tests/hostile/: each must end within
its time bound with the score and the reason its case file gives.

A case file (NAME.json) describes a fake submission and what grading it must give:

    "lab": 1                     the lab graded (on the reference's earlier labs, unless
    "earlier": "submission"      says otherwise)
    "edit": {file: [[old, new], ...]}   the reference's student files, with these
                                 replacements (each must apply)
    "link": {file: target}       the file is a symbolic link to the trusted tree's target
    "hardlink": {file: target}   the file is a hard link to (a copy of) the trusted tree's
                                 target
    "package": "zip"             submit a zip instead of a directory (links become zip
                                 symlink entries); "zip_extra": {name: text} adds raw entries;
                                 "zip_filler": {"entries": N, "bytes": B} adds N entries of
                                 B zero bytes each, compressed (a zip bomb's shape).
                                 "corrupt_zip": a .zip file that is not a zip
    "env": {VAR: value}          the grader's environment for this case ({root}: the kit's
                                 directory), e.g. MV_QEMU to run a fake QEMU
    "timeout_scale": F           multiplies MV_TIMEOUT_SCALE for this case: below 1, a
                                 hanging case reaches its time limits sooner
    "reason": text               must appear in a test's reason or in a note (a list of
                                 texts: each must)
    "max_seconds": N             wall-time bound of the whole grading (before scaling)
    "score_below_max": true      the score must be below the maximum (default: exactly 0)
    "zero_tests": [prefix, ...]  and every test whose name starts so must score 0
    "batch_timeout": N           grade it as `labtool batch` does, stopped after N s: it
                                 must score 0 with the reason, and leave no process behind
"""
import concurrent.futures
import contextlib
import json
import os
import shutil
import time
import zipfile

from . import batch, gradescope, grade, labs, markers, mutants, procs, starter, submission

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


def validate_nested_tree(root, tree, log, failures):
    """A generated tree inside this repository (not a repository of its own) must list
    its own files: git would answer for the outer repository, which ignores build/."""
    want = [p for p in starter.source_files(root) if not p.startswith(starter.INSTRUCTOR_ONLY)]
    got = starter.source_files(tree)
    check(got == want, f'a generated tree inside the repository lists its {len(got)} files '
                       f'(want {len(want)})', failures, log)


def validate_gradescope_zip(root, lab, log, failures):
    """The Gradescope zip runs student code next to the trusted tree: it must not hold
    the reference code of the lab it grades (nor later ones), nor instructor material."""
    path = gradescope.build_zip(root, lab, os.path.join(root, 'build', 'validate',
                                                        f'lab{lab}-autograder.zip'))
    leaks = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith(starter.INSTRUCTOR_ONLY):
                leaks.append(name)
            elif starter.is_marked(name):
                text = z.read(name).decode('utf-8', 'replace')
                leaks += [f'{name} (lab {n})' for n in labs.lab_numbers(root)
                          if n >= lab and f'LAB {n} BEGIN' in text]
    check(not leaks, f'lab {lab}: the Gradescope zip holds no reference code of labs >= {lab} '
                     f'and no instructor material{": " + ", ".join(leaks[:5]) if leaks else ""}',
          failures, log)


# Broken markers the checker must refuse (labs 1 and 2 are the known labs here), with a
# part of the message it must give. The last case is well-formed and must slice.
BROKEN_MARKERS = [
    ('never closed', ['/* LAB 1 BEGIN: x */', 'code', '/* LAB 1 STUB', 'stub'], 'is never closed'),
    ('no stub', ['/* LAB 1 BEGIN */', 'code', 'LAB 1 END */'], 'END without a matching BEGIN and STUB'),
    ('stray end', ['code', 'LAB 1 END */'], 'END without a matching BEGIN'),
    ('stray stub', ['/* LAB 1 STUB', 'LAB 1 END */'], 'STUB without a matching BEGIN'),
    ('unknown lab', ['/* LAB 7 BEGIN */', '/* LAB 7 STUB', 'LAB 7 END */'], 'unknown lab 7'),
    ('nested', ['/* LAB 1 BEGIN */', '/* LAB 1 BEGIN */'], 'BEGIN inside LAB 1'),
    ('other lab closes', ['/* LAB 1 BEGIN */', '/* LAB 2 STUB'], 'STUB without a matching BEGIN'),
    ('malformed', ['/* LAB 1 BEGIN hint without a colon */'], 'malformed lab marker'),
    ('comment in stub', ['/* LAB 1 BEGIN */', '/* LAB 1 STUB', '/* no */', 'LAB 1 END */'],
     'must not contain "*/"'),
]


def validate_marker_checker(log, failures):
    """The marker checker refuses every kind of broken marker, with a message naming the
    file and line, and slices a good region into hint + stub."""
    for name, text, want in BROKEN_MARKERS:
        try:
            markers.parse('f.c', [line + '\n' for line in text], {1, 2})
            said = 'accepted'
        except markers.MarkerError as e:
            said = str(e)
        check(want in said and said.startswith('f.c:'),
              f'markers: {name} is refused ("{said}")', failures, log)
    good = ['a\n', '  /* LAB 1 BEGIN: do it */\n', '  ref();\n', '  /* LAB 1 STUB\n',
            '  stub();\n', '  LAB 1 END */\n', 'b\n']
    got = markers.slice_lines('f.c', good, {1}, filled=set())
    want = ['a\n', '  /* LAB 1: do it */\n', '  stub();\n', 'b\n']
    check(got == want, f'markers: a region slices to hint + stub ({got})', failures, log)
    check(markers.slice_lines('f.c', good, {1}, filled={1}) == good,
          'markers: a filled region keeps the reference', failures, log)


def validate_labs(root, log, failures):
    numbers = sorted(labs.lab_numbers(root))
    trees = {}
    for k in [0] + numbers:
        dest = os.path.join(root, 'build', 'validate', f'filled-{k}')
        starter.make_tree(root, dest, [n for n in numbers if n <= k])
        trees[k] = dest
    validate_nested_tree(root, trees[0], log, failures)
    for n in numbers:
        validate_gradescope_zip(root, n, log, failures)
    for i, n in enumerate(numbers):
        below = numbers[i - 1] if i else 0
        full = grade.grade(trees[n], n, log=log)
        check(full.score == full.max_score,
              f'lab {n}: labs <= {n} filled scores full marks: {describe(full)}', failures, log)
        zero = grade.grade(trees[below], n, log=log)
        check(not zero.build_error and zero.score == 0,
              f'lab {n}: lab {n} stubbed builds and scores 0: {describe(zero)}'
              + (f' [build: {zero.build_error[:200]}]' if zero.build_error else ''), failures, log)
    return trees


def validate_mutants_fast(root, numbers, trees, log, failures):
    """Each lab's instructor mutants against its unit tests, in the tree that has just
    scored full marks (its unit tests are built): two labs at a time."""
    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        found = list(ex.map(lambda n: mutants.fast_check(root, n, trees[n], log), numbers))
    for n, problems in zip(numbers, found):
        check(not problems, f'lab {n}: every instructor mutant fails a unit test (or is marked '
                            f'"killed_by": "system"){": " + "; ".join(problems) if problems else ""}',
              failures, log)
    log(f'validate: fast mutant check of labs {numbers} in {time.time() - start:.0f} s')


def edited_files(root, expect):
    """{path: text}: the reference's student files with the case's edits applied."""
    files = {}
    for rel, edits in expect.get('edit', {}).items():
        with open(os.path.join(root, rel)) as f:
            text = f.read()
        for old, new in edits:
            if old not in text:
                raise ValueError(f'{rel}: hostile edit does not apply: {old[:60]!r}')
            text = text.replace(old, new, 1)
        files[rel] = text
    return files


def make_hostile_dir(root, expect, dest):
    shutil.rmtree(dest, ignore_errors=True)
    shutil.rmtree(dest + '-trusted', ignore_errors=True)
    os.makedirs(dest)
    for rel, text in edited_files(root, expect).items():
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        with open(os.path.join(dest, rel), 'w') as f:
            f.write(text)
    for rel, target in expect.get('link', {}).items():
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        os.symlink(os.path.join(root, target), os.path.join(dest, rel))
    for rel, target in expect.get('hardlink', {}).items():
        # Linked to a copy next to the submission, not to the kit's own file: a hard link
        # cannot be told from its original, and the kit's sources must not keep a second
        # name in build/ (an edit through it would change them).
        trusted = os.path.join(dest + '-trusted', target)
        os.makedirs(os.path.dirname(trusted), exist_ok=True)
        shutil.copyfile(os.path.join(root, target), trusted)
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        os.link(trusted, os.path.join(dest, rel))
    return dest


def make_hostile_zip(root, expect, dest):
    path = dest + '.zip'
    with zipfile.ZipFile(path, 'w') as z:
        for rel, text in edited_files(root, expect).items():
            z.writestr(rel, text)
        for rel, target in expect.get('link', {}).items():
            info = zipfile.ZipInfo(rel)
            info.external_attr = 0o120777 << 16   # S_IFLNK: what `zip --symlinks` writes
            z.writestr(info, os.path.join(root, target))
        for name, text in expect.get('zip_extra', {}).items():
            z.writestr(zipfile.ZipInfo(name), text)
        add_zip_filler(z, expect.get('zip_filler'))
    return path


def add_zip_filler(z, filler):
    """Many entries of zeros: deflated, a large declared size in a small file."""
    if not filler:
        return
    zeros = bytes(filler.get('bytes', 0))
    for i in range(filler['entries']):
        z.writestr(f'filler/{i:05d}.bin', zeros, compress_type=zipfile.ZIP_DEFLATED)


def make_corrupt_zip(root, expect, dest):
    with open(dest + '.zip', 'wb') as f:
        f.write(b'PK\x03\x04 this was a zip once' + bytes(64))
    return dest + '.zip'


def make_hostile(root, expect, dest):
    """A fake submission (a directory, or a zip) as the case describes. Returns its path."""
    make = {'zip': make_hostile_zip, 'corrupt_zip': make_corrupt_zip}.get(
        expect.get('package'), make_hostile_dir)
    return make(root, expect, dest)


@contextlib.contextmanager
def case_environment(root, expect):
    """The grader's environment for one case. Grading reads os.environ (and hands it to
    make, the test programs and QEMU), so the case's variables are set there, then undone."""
    saved = dict(os.environ)
    os.environ.update({k: v.format(root=root) for k, v in expect.get('env', {}).items()})
    if 'timeout_scale' in expect:
        os.environ['MV_TIMEOUT_SCALE'] = str(procs.scale() * expect['timeout_scale'])
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def reason_found(expect, said):
    """Whether the case's reason (a text, or a list of texts) is all in `said`."""
    want = expect['reason']
    return all(w in said for w in ([want] if isinstance(want, str) else want))


def judge(expect, res, secs, limit):
    """(ok, description) of one graded hostile case."""
    said = ' '.join([t.reason for t in res.tests] + res.notes)
    found = reason_found(expect, said)
    below = expect.get('score_below_max')
    score_ok = res.score < res.max_score if below else res.score == 0
    zero = [t for t in res.tests if t.name.startswith(tuple(expect.get('zero_tests', [])))]
    zero_ok = all(t.points == 0 for t in zero)
    ok = score_ok and zero_ok and found and secs <= limit
    want = f'below {res.max_score}' if below else '0'
    if zero:
        want += f', and 0 for the {len(zero)} tests {"/".join(expect["zero_tests"])}*' + (
            '' if zero_ok else ' (not so)')
    return ok, (f'score {res.score} (want {want}), reason has "{expect["reason"]}": '
                f'{found}, {secs:.0f} s (max {limit})')


def leftover_processes(under):
    """Processes still working in the directory `under` (a grading's temporary tree)."""
    found = []
    for name in os.listdir('/proc'):
        try:
            if name.isdigit() and os.readlink(f'/proc/{name}/cwd').startswith(under):
                found.append(int(name))
        except OSError:
            pass   # gone meanwhile, or a zombie: nothing runs there
    return found


def validate_batch_case(root, name, expect, sub, work, log, failures):
    """Grade a submission as a batch job with a short time limit: the limit must stop it,
    kill everything it started and still leave a report with 0 and the reason."""
    out = os.path.join(work, name + '-batch')
    start = time.time()
    got, total, status = batch.grade_one(root, expect['lab'], sub, out,
                                         expect.get('earlier', 'reference'), expect['batch_timeout'])
    secs = time.time() - start
    for _ in range(20):   # SIGKILL is delivered at once, but dying takes a moment
        left = leftover_processes(os.path.join(out, 'tmp'))
        if not left:
            break
        time.sleep(0.1)
    report_ok = batch.read_score(out) == (0, total)
    limit = procs.scaled(expect.get('max_seconds', 300))
    check(got == 0 and reason_found(expect, status) and report_ok and not left and secs <= limit,
          f'hostile {name}.json (batch): score {got}, status "{status}" has "{expect["reason"]}", '
          f'report with 0: {report_ok}, processes left: {left or "none"}, '
          f'{secs:.0f} s (max {limit})', failures, log)


def validate_hostile(root, log, failures, only=None):
    """Each case in autograder/tests/hostile/*.json makes a broken or malicious submission
    and says what grading it must give (see the module's comment for the format)."""
    cases_dir = os.path.join(root, HOSTILE)
    for case in sorted(os.listdir(cases_dir)) if os.path.isdir(cases_dir) else []:
        name = case[:-len('.json')]
        if not case.endswith('.json') or (only and name not in only):
            continue
        with open(os.path.join(cases_dir, case)) as f:
            expect = json.load(f)
        work = os.path.join(root, 'build', 'validate', 'hostile')
        os.makedirs(work, exist_ok=True)
        sub = make_hostile(root, expect, os.path.join(work, name))
        if 'batch_timeout' in expect:
            validate_batch_case(root, name, expect, sub, work, log, failures)
            continue
        limit = procs.scaled(expect.get('max_seconds', 300))   # the machine's scale, not the case's
        with case_environment(root, expect):
            start = time.time()
            res, _ = submission.grade_safely(root, sub, expect['lab'],
                                             expect.get('earlier', 'reference'), log,
                                             os.path.join(work, name + '-logs'))
        ok, what = judge(expect, res, time.time() - start, limit)
        check(ok, f'hostile {case}: {what}', failures, log)


def run(root, log, only=None):
    """Validate the labs and the hostile cases (only the hostile cases named in `only`,
    if given). The work tree build/validate is removed if everything passed."""
    if not os.path.isdir(os.path.join(root, 'solutions')):
        print('validate: nothing to validate: this tree has no solutions/ (a starter tree has '
              'no reference solution to grade)')
        return 0
    failures = []
    starter.check_markers(root)
    if not only:
        validate_marker_checker(log, failures)
        trees = validate_labs(root, log, failures)
        from . import platforms_check   # GitHub Classroom and PrairieLearn, on the same trees
        platforms_check.run(root, log, failures)
        # Last on these trees: applying and restoring a mutant rewrites a lab file, which is
        # then newer than its objects, and the Classroom check above requires that a built
        # tree compiles nothing more.
        numbers = [n for n in sorted(trees) if n and mutants.has_mutants(root, n)]
        validate_mutants_fast(root, numbers, trees, log, failures)
    validate_hostile(root, log, failures, only)
    for f in failures:
        log(f'validate: FAILED: {f}')
    if failures:
        log('validate: trees, submissions and logs kept in build/validate/')
    else:
        shutil.rmtree(os.path.join(root, 'build', 'validate'), ignore_errors=True)
    print(f'{check.passes} passed, {len(failures)} failed', flush=True)
    return 1 if failures else 0
