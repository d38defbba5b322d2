"""Self-validation of the platform outputs, run by `make test` (tier test-labs, after the
labs' own validation, whose trees it reuses: build/validate/filled-K has labs 1..K filled).

GitHub Classroom: every lab's workflow parses as YAML (and passes yamllint where it is
installed), has a step per test worth the test's points and a reporter reading them all;
a workflow with a step missing or a wrong score is refused. For lab 1, the commands of
the unit-test steps and of one system-test step, run as the command grader runs them (no
shell), pass with nothing on stderr on the reference, fail with a reason on the starter,
and compile nothing (the workflow built once before them).

PrairieLearn: lab 1's package (make prairielearn) holds no reference code of lab 1; its
run.sh, on a local /grade, gives the reference 1.0, the starter 0, an empty submission 0
with a readable reason, and a grading out of time `gradable: false`; results.json < 1 MB.
Those gradings build two trees from scratch: they run while the Classroom checks do.
"""
import concurrent.futures
import copy
import json
import os
import re
import shlex
import shutil
import subprocess
import time

from . import classroom, labs, prairielearn, starter, validate

LAB = 1                 # the lab whose commands are run (the cheapest to grade)
BUILT = re.compile(r'\s+(CC|AS|LD|GUEST|HOSTCC|HOSTLD|AUDIT)\s')   # what the build prints per product
YAMLLINT = '{extends: default, rules: {line-length: {max: 120}}}'


def tree(root, k):
    """build/validate/filled-K (made here if the labs' validation did not make it)."""
    path = os.path.join(root, 'build', 'validate', f'filled-{k}')
    if not os.path.isdir(path):
        starter.make_tree(root, path, [n for n in labs.lab_numbers(root) if n <= k])
        subprocess.run(['make', '--no-print-directory', 'grade-build'], cwd=path,
                       stdout=subprocess.DEVNULL, check=False)
    return path


def parse_workflow(root, lab, log, failures):
    """The lab's workflow, parsed (None if it does not parse), with yamllint's verdict."""
    import yaml   # python3-yaml: tools/install-deps.sh installs it
    out = os.path.join(root, 'build', 'validate', 'classroom', f'lab{lab}')
    path = classroom.write(root, lab, out)
    try:
        with open(path) as f:
            doc = yaml.safe_load(f)
    except yaml.YAMLError as e:
        validate.check(False, f'classroom lab {lab}: the workflow parses as YAML: {e}', failures, log)
        return None
    if shutil.which('yamllint'):
        r = subprocess.run(['yamllint', '-s', '-d', YAMLLINT, path], capture_output=True, text=True)
        validate.check(r.returncode == 0, f'classroom lab {lab}: yamllint accepts the workflow '
                       f'{r.stdout.strip()[:300]}', failures, log)
    else:
        log('validate: note: yamllint is not installed (tools/install-deps.sh installs it): skipped')
    return doc


def validate_workflows(root, log, failures):
    """Every lab's workflow is right, and the checker refuses a wrong one."""
    docs = {}
    for lab in sorted(labs.lab_numbers(root)):
        doc = parse_workflow(root, lab, log, failures)
        if doc is None:
            continue
        docs[lab] = doc
        found = classroom.problems(root, lab, doc)
        total = sum(t['points'] for t in labs.load(root, lab)['tests'])
        validate.check(not found, f'classroom lab {lab}: a step per test, {total} points in all, '
                       f'the reporter reads every step {found or ""}', failures, log)
    if LAB not in docs:
        return None
    steps = docs[LAB]['jobs']['run-autograding-tests']['steps']
    broken = {'a step missing': lambda s: s.remove(next(iter(classroom.graders({'jobs': {
        'run-autograding-tests': {'steps': s}}}).values()))),
              'a wrong max-score': lambda s: s[-2]['with'].update({'max-score': 99})}
    for what, edit in broken.items():
        bad = copy.deepcopy(docs[LAB])
        edit(bad['jobs']['run-autograding-tests']['steps'])
        validate.check(bool(classroom.problems(root, LAB, bad)),
                       f'classroom: a workflow with {what} is refused', failures, log)
    return [s for s in steps if s.get('id') in classroom.graders(docs[LAB])]


def chosen_steps(root, steps):
    """The unit-test steps and the first system-test step without `needs`: cheap to run."""
    tests = {t['name']: t for t in labs.load(root, LAB)['tests']}
    unit = [s for s in steps if 'system' not in tests[s['id']]]
    system = [s for s in steps if 'system' in tests[s['id']] and not tests[s['id']].get('needs')]
    return unit + system[:1]


def run_step(step, where, env):
    """Run a step's command as the command grader does: split, no shell."""
    r = subprocess.run(shlex.split(step['with']['command']), cwd=where, env=env,
                       capture_output=True, text=True, timeout=step['with']['timeout'] * 60)
    return r.returncode, r.stderr.strip()


def compiled(where, name):
    """Whether the step's build compiled anything (it must not: the workflow built once)."""
    log = os.path.join(where, 'build', 'grade', f'lab{LAB}', 'one', name, 'build.log')
    with open(log) as f:
        return any(BUILT.match(line) for line in f)


def validate_steps(root, steps, log, failures):
    reference, stub = tree(root, LAB), tree(root, LAB - 1)
    env = dict(os.environ, MV_TIMEOUT_SCALE=os.environ.get('MV_TIMEOUT_SCALE', '1'))
    for step in chosen_steps(root, steps):
        name = step['id']
        rc, err = run_step(step, reference, env)
        built = compiled(reference, name)
        validate.check(rc == 0 and not err and not built,
                       f'classroom step {name}: passes on the reference (exit {rc}, stderr '
                       f'{err[:200]!r}, compiled: {built})', failures, log)
        rc, err = run_step(step, stub, env)
        validate.check(rc != 0 and f'FAIL: {name}' in err,
                       f'classroom step {name}: fails on the starter, saying why '
                       f'(exit {rc}: {err.splitlines()[0][:150] if err else "no reason"!r})',
                       failures, log)


def pl_case(package, work, name, files, limit=None):
    """Grade `files` ({path in /grade/student: text}) with the package's run.sh."""
    grade_dir = os.path.join(work, name)
    shutil.rmtree(grade_dir, ignore_errors=True)
    os.makedirs(os.path.join(grade_dir, 'student'))
    for rel, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(grade_dir, 'student', rel)), exist_ok=True)
        with open(os.path.join(grade_dir, 'student', rel), 'w') as f:
            f.write(text)
    env = dict(os.environ, MV_PL_GRADE_DIR=grade_dir)
    if limit:
        env['MV_PL_LIMIT'] = str(limit)
    start = time.time()
    run = os.path.join(package, 'serverFilesCourse', f'microvisor-lab{LAB}', 'run.sh')
    r = subprocess.run([run], env=env, capture_output=True, text=True)
    path = os.path.join(grade_dir, 'results', 'results.json')
    try:
        with open(path) as f:
            res = json.load(f)
    except (OSError, ValueError):
        res = {}
    size = os.path.getsize(path) if res else 0
    return res, r.returncode, size, time.time() - start


def package_leaks(root, package):
    """Marked files of the package that hold lab LAB's (or a later lab's) reference code."""
    leaks, later = [], [n for n in labs.lab_numbers(root) if n >= LAB]
    for path in starter.walk_files(package):
        if starter.is_marked(path.split('/', 2)[-1]):
            with open(os.path.join(package, path), errors='replace') as f:
                text = f.read()
            leaks += [f'{path} (lab {n})' for n in later if f'LAB {n} BEGIN' in text]
    return leaks


def prairielearn_checks(root):
    """[(ok, what)] of lab 1's PrairieLearn package and its run.sh on four submissions."""
    work = os.path.join(root, 'build', 'validate', 'prairielearn')
    package = prairielearn.build(root, LAB, os.path.join(work, 'package'))
    leaks = package_leaks(root, package)
    checks = [(not leaks, f'prairielearn lab {LAB}: the package holds no reference code of '
                          f'labs >= {LAB} {leaks[:3] or ""}')]
    manifest = labs.load(root, LAB)
    flood = {'output': 'x' * (8 << 20), 'tests': [
        {'name': t['name'], 'score': 0, 'output': 'y' * (4 << 20)} for t in manifest['tests']]}
    size = len(json.dumps(prairielearn.limit_size(prairielearn.convert(flood, manifest))))
    checks.append((size < prairielearn.MAX_RESULTS, f'prairielearn: results of '
                   f'{len(json.dumps(flood)) >> 20} MiB of output are cut to {size} bytes'))
    rel = manifest['files'][0]
    text = {k: open(os.path.join(tree(root, k), rel)).read() for k in (LAB, LAB - 1)}
    cases = {   # name: (files, limit, what it must give)
        'reference': ({os.path.basename(rel): text[LAB]}, None, lambda r: r.get('score') == 1.0),
        'starter': ({rel: text[LAB - 1]}, None,
                    lambda r: r.get('score') == 0 and r.get('gradable') and 'Lab 1: 0/' in r['message']),
        'empty': ({'notes.txt': 'nothing'}, None,
                  lambda r: r.get('score') == 0 and 'missing' in r.get('message', '')),
        'out_of_time': ({rel: text[LAB]}, 2,
                        lambda r: r.get('gradable') is False and 'grading stopped' in r['message']),
    }
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        futures = {name: pool.submit(pl_case, package, work, name, files, limit)
                   for name, (files, limit, _) in cases.items()}
        for name, fut in futures.items():
            res, rc, size, secs = fut.result()
            ok = cases[name][2](res) and rc == 0 and 0 < size < prairielearn.MAX_RESULTS
            checks.append((ok, f'prairielearn lab {LAB} {name}: gradable {res.get("gradable")}, '
                               f'score {res.get("score")}, {size} bytes, {secs:.0f} s: '
                               f'{res.get("message", "no results.json")[:160]!r}'))
    return checks


def run(root, log, failures):
    """Both platforms' checks; PrairieLearn's gradings (two builds) run meanwhile."""
    start = time.time()
    tree(root, LAB), tree(root, LAB - 1)   # before the two threads use them
    with concurrent.futures.ThreadPoolExecutor(1) as background:
        pl = background.submit(prairielearn_checks, root)
        steps = validate_workflows(root, log, failures)
        if steps:
            validate_steps(root, steps, log, failures)
        middle = time.time()
        for ok, what in pl.result():
            validate.check(ok, what, failures, log)
    log(f'validate: platforms: {time.time() - start:.0f} s (GitHub Classroom alone '
        f'{middle - start:.0f} s)')
