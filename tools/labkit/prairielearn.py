"""PrairieLearn external grading of one lab (`make prairielearn LAB=N`).

The external grader's container starts run.sh (the question's `entrypoint`), which runs
`labtool prairielearn-grade`: the files in /grade/student are graded as `labtool
submission` grades any submission (only the lab's manifest files are taken, onto a
clean tree), in a child process bounded in time, and /grade/results/results.json is
written in PrairieLearn's format: gradable, score in [0, 1], message, output and per
test name, description, points, max_points, message, output; under 1 MB.

A student file may be in /grade/student at its path in the repository (a workspace's
graded files) or by its name alone (pl-file-upload): kernel/core/sched.c or sched.c.
Whatever happens, results.json is written: a submission that does not build, crashes or
hangs scores 0 with the reason; `gradable: false` (the attempt does not count) only when
the grader itself failed or ran out of time.
"""
import json
import os
import shutil
import tempfile
import traceback

from . import batch, gradescope, labs, procs, submission

# PrairieLearn kills a grading job at its `timeout` (600 s at most): stop before that, so
# that there is time to write results.json. Not scaled: PrairieLearn's limit is not.
PL_TIMEOUT = 600
LIMIT = 540
MAX_RESULTS = 1 << 20       # PrairieLearn's limit for results.json
MAX_TEST_OUTPUT = 16384     # characters of one test's output kept
MAX_OUTPUT = 65536          # characters of the overall output kept
SHARED = 'Every test failed for this reason:'   # report.gradescope's words


def cut(text, limit):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + f'\n[... {len(text) - limit} more characters cut]'


def describe(test):
    if 'system' in test:
        return f'system test: boots {test["system"]} in QEMU'
    return 'host unit test (Check)'


def convert(gs, manifest, gradable=True, why=''):
    """PrairieLearn's results from Gradescope's results.json (report.gradescope)."""
    tests = {t['name']: t for t in gs.get('tests', [])}
    out, got, total = [], 0, 0
    for t in manifest['tests']:
        r = tests.get(t['name'], {})
        pts, text = r.get('score', 0), r.get('output', 'no result')
        got, total = got + pts, total + t['points']
        out.append({'name': t['name'], 'description': describe(t), 'points': pts,
                    'max_points': t['points'],
                    'message': 'passed' if text == 'passed' else cut(text.splitlines()[0] if text else '', 500),
                    'output': cut(text, MAX_TEST_OUTPUT)})
    output = cut(gs.get('output', ''), MAX_OUTPUT)
    shared = output.split(SHARED, 1)[1].strip().splitlines()[:1] if SHARED in output else []
    res = {'gradable': gradable, 'score': round(got / total, 6) if total else 0.0,
           'message': why or '; '.join([f'Lab {manifest["lab"]}: {got}/{total} points'] + shared),
           'output': output, 'tests': out}
    if not gradable:
        res['format_errors'] = [why]
    return res


def limit_size(res):
    """Drop the tests' outputs, then cut the overall output, until it fits in 1 MB."""
    for t in res['tests']:
        if len(json.dumps(res)) <= MAX_RESULTS:
            break
        t['output'] = cut(t['output'], 200)
    if len(json.dumps(res)) > MAX_RESULTS:
        res['output'] = cut(res['output'], 1000)
    return res


def stage_flat_files(root, lab, student, work):
    """A copy of the submission with files given by name alone (sched.c) at their
    repository path (kernel/core/sched.c); the folder itself when nothing needs moving."""
    wanted = [rel for files in labs.files_up_to(root, lab).values() for rel in files]
    moves = {rel: os.path.basename(rel) for rel in wanted
             if not os.path.lexists(os.path.join(student, rel))
             and os.path.lexists(os.path.join(student, os.path.basename(rel)))
             and sum(os.path.basename(w) == os.path.basename(rel) for w in wanted) == 1}
    if not moves:
        return student
    staged = os.path.join(work, 'student')
    os.makedirs(staged)
    for rel in wanted:
        src = rel if rel not in moves else moves[rel]
        if submission.path_problem(os.path.realpath(student), src):
            continue   # the grader says why, on the original, when it looks for it
        os.makedirs(os.path.dirname(os.path.join(staged, rel)), exist_ok=True)
        with open(os.path.join(staged, rel), 'wb') as f:
            f.write(submission.read_student_file(os.path.realpath(student), src))
    return staged


def grade_dir(root, lab, earlier, student, limit=LIMIT):
    """Grade the folder `student`; PrairieLearn's results as a dict, whatever happens."""
    manifest = labs.load(root, lab)
    with tempfile.TemporaryDirectory(prefix='mv-pl-') as work:
        try:
            sub = stage_flat_files(root, lab, student, work)
        except OSError as e:
            sub = student
            print(f'prairielearn: the files could not be staged: {e}', flush=True)
        out = os.path.join(work, 'report')
        got, total, status = batch.grade_one(root, lab, sub, out, earlier, limit)
        with open(os.path.join(out, 'results.json')) as f:
            gs = json.load(f)
        failed = status.startswith(('grading stopped after', 'the grader failed'))
        why = (f'Not graded: {status}. This attempt does not count; submit again, and tell '
               'your instructor if it happens again.') if failed else ''
        return limit_size(convert(gs, manifest, not failed, why))


def grade_entry(root, lab, earlier, grade_root='/grade', limit=LIMIT):
    """The entry point: grade_root/student in, grade_root/results/results.json out."""
    results = os.path.join(grade_root, 'results')
    os.makedirs(results, exist_ok=True)
    try:
        res = grade_dir(root, lab, earlier, os.path.join(grade_root, 'student'), limit)
    except Exception as e:   # a grader bug or a broken course setup: still say something
        print(traceback.format_exc(), flush=True)
        res = {'gradable': False, 'score': 0.0, 'tests': [], 'output': '',
               'message': f'The grader failed ({type(e).__name__}: {e}); please tell your '
                          'instructor. This attempt does not count.'}
    with open(os.path.join(results, 'results.json'), 'w') as f:
        json.dump(res, f, indent=1)
    print(f'prairielearn: gradable {res["gradable"]}, score {res["score"]}: {res["message"]}')
    return 0


RUN = """#!/usr/bin/env bash
# PrairieLearn entry point: grade lab {lab} of /grade/student into /grade/results/results.json.
cd "$(dirname "$0")"
# File modes may not survive PrairieLearn's copy, and the build runs scripts: restore
# them, in a copy of the tree if this one is read-only.
if ! find . -name '*.sh' -exec chmod +x {{}} + 2>/dev/null || [ ! -x tools/install-deps.sh ]; then
    rm -rf /tmp/mv-tree && cp -r . /tmp/mv-tree && cd /tmp/mv-tree &&
        find . -name '*.sh' -exec chmod +x {{}} +
fi
export MV_TIMEOUT_SCALE="${{MV_TIMEOUT_SCALE:-{scale}}}"
# MV_PL_GRADE_DIR and MV_PL_LIMIT (seconds) are for a local check (labtool validate).
exec python3 tools/labtool prairielearn-grade --lab {lab} --earlier {earlier} \\
    --grade-dir "${{MV_PL_GRADE_DIR:-/grade}}" --limit "${{MV_PL_LIMIT:-{limit}}}"
"""

DOCKERFILE = """# The external grader's image for the microvisor labs: the kit's Debian packages.
# docker build -t COURSE/microvisor-grader . && docker push COURSE/microvisor-grader
FROM ubuntu:24.04
COPY install-deps.sh /tmp/install-deps.sh
RUN bash /tmp/install-deps.sh && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh
"""

QUESTION_HTML = """<pl-question-panel>
  <p>Lab {lab}: {title}. Upload your {files}.</p>
</pl-question-panel>
<pl-file-upload file-names="{names}"></pl-file-upload>
<pl-submission-panel>
  <pl-external-grader-results></pl-external-grader-results>
  <pl-file-preview></pl-file-preview>
</pl-submission-panel>
"""


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)
    os.chmod(path, mode)


def build(root, lab, out=None, earlier='submission'):
    """Write what a PrairieLearn course needs for lab `lab` into `out`: the image's
    Dockerfile, serverFilesCourse/microvisor-labN/ (the trusted tree and run.sh) and an
    example question (info.json, question.html). Returns `out`."""
    manifest = labs.load(root, lab)
    out = out or os.path.join(root, 'build', 'prairielearn', f'lab{lab}')
    shutil.rmtree(out, ignore_errors=True)
    name = f'microvisor-lab{lab}'
    tree = os.path.join(out, 'serverFilesCourse', name)
    for path, text, mode in gradescope.trusted_files(root, lab):
        if text is None:
            os.makedirs(os.path.dirname(os.path.join(tree, path)), exist_ok=True)
            shutil.copy2(os.path.join(root, path), os.path.join(tree, path))
        else:
            write(os.path.join(tree, path), text, mode)
    write(os.path.join(tree, 'run.sh'), RUN.format(lab=lab, earlier=earlier, limit=LIMIT,
                                                   scale=f'{procs.scale():g}'), 0o755)
    write(os.path.join(out, 'Dockerfile'), DOCKERFILE)
    shutil.copy2(os.path.join(root, 'tools', 'install-deps.sh'), os.path.join(out, 'install-deps.sh'))
    info = {'uuid': 'REPLACE-WITH-A-UUID', 'title': f'Lab {lab}: {manifest.get("title", "")}',
            'topic': 'Microvisor labs', 'type': 'v3', 'gradingMethod': 'External',
            'singleVariant': True,
            'externalGradingOptions': {
                'enabled': True, 'image': 'COURSE/microvisor-grader',
                'serverFilesCourse': [f'{name}/'],
                'entrypoint': f'/grade/serverFilesCourse/{name}/run.sh',
                'timeout': PL_TIMEOUT}}
    question = os.path.join(out, 'questions', name)
    write(os.path.join(question, 'info.json'), json.dumps(info, indent=2) + '\n')
    graded = [rel for n, files in labs.files_up_to(root, lab).items() for rel in files
              if n == lab or earlier == 'submission']   # the earlier labs' too, unless given
    names = [os.path.basename(f) for f in graded]
    write(os.path.join(question, 'question.html'),
          QUESTION_HTML.format(lab=lab, title=manifest.get('title', ''), files=', '.join(names),
                               names=','.join(names)))
    return out
