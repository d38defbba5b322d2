"""Command-line front end of labtool."""
import os
import sys

from . import (batch, gradescope, grade, labs, markers, mutants, report, starter, submission,
               validate)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def cmd_check_markers(a):
    counts = starter.check_markers(ROOT)
    for lab, n in sorted(counts.items()):
        print(f'lab {lab}: {n} marked region(s)')
        if n == 0:
            raise markers.MarkerError(f'lab {lab} has a manifest but no marked region')
    return 0


def cmd_starter(a):
    starter.check_markers(ROOT)
    filled = [n for n in labs.lab_numbers(ROOT) if n <= a.filled_upto]
    starter.make_tree(ROOT, a.out, filled)
    what = f'labs {filled} filled from the reference' if filled else 'every lab a stub'
    print(f'starter tree written to {a.out} ({what})')
    return 0


def emit(res, a):
    if a.out:
        report.write_all(res, a.out, getattr(a, 'gradescope', None))
    print(report.table(res))


def logs_under(out):
    """Logs go next to the reports they explain, when there is a report directory."""
    return os.path.join(out, 'logs') if out else None


def cmd_grade(a):
    emit(grade.grade(ROOT, a.lab, logs_under(a.out), log), a)
    return 0


def cmd_submission(a):
    """Grade one submission. Whatever goes wrong, the reports are written (score 0 and
    the reason), so that Gradescope and batch grading always show something."""
    res, grader_failed = submission.grade_safely(ROOT, a.submission, a.lab, a.earlier, log,
                                                 logs_under(a.out))
    emit(res, a)
    return 1 if grader_failed else 0


def cmd_batch(a):
    return batch.run(ROOT, a.lab, a.directory, a.out or 'build/batch', a.jobs, a.earlier)


def cmd_gradescope(a):
    print(gradescope.build_zip(ROOT, a.lab, a.out, a.earlier))
    return 0


def cmd_validate(a):
    return validate.run(ROOT, log, a.case)


def cmd_mutants(a):
    if a.fast:
        return mutants.run_fast(ROOT, a.lab, a.out or f'build/mutants/lab{a.lab}-fast', log)
    return mutants.run(ROOT, a.lab, a.out or f'build/mutants/lab{a.lab}', a.jobs, log)


def cmd_debug_system(a):
    for t in labs.load(ROOT, a.lab)['tests']:
        if t['name'] == a.test:
            print(t.get('system', 'unit'))   # "unit": a host test, debugged without QEMU
            return 0
    log(f'lab {a.lab} has no test called {a.test}')
    return 1


def main(parser):
    sub = parser.add_subparsers(dest='cmd', required=True)
    sub.add_parser('check-markers').set_defaults(fn=cmd_check_markers)
    p = sub.add_parser('starter')
    p.add_argument('--out', default='build/starter')
    p.add_argument('--filled-upto', type=int, default=0, metavar='K',
                   help='fill labs 1..K from the reference')
    p.set_defaults(fn=cmd_starter)
    for name, fn in (('grade', cmd_grade), ('submission', cmd_submission),
                     ('batch', cmd_batch), ('gradescope', cmd_gradescope),
                     ('debug-system', cmd_debug_system)):
        p = sub.add_parser(name)
        p.add_argument('--lab', type=int, required=True)
        p.add_argument('--out', help='directory for the reports (or the zip path)')
        if name in ('submission', 'batch', 'gradescope'):
            p.add_argument('--earlier', choices=('submission', 'reference'),
                           default='submission',
                           help="whose code to use for labs before LAB (default: the student's)")
        if name == 'submission':
            p.add_argument('--gradescope', metavar='PATH', help='also write results.json here')
            p.add_argument('submission')
        if name == 'batch':
            p.add_argument('--jobs', type=int, default=2)
            p.add_argument('directory')
        if name == 'debug-system':
            p.add_argument('--test', required=True)
        p.set_defaults(fn=fn)
    from . import platform_cmds   # grade-one, classroom, prairielearn (README, Instructors)
    platform_cmds.add(sub, ROOT)
    p = sub.add_parser('mutants', help="grade the lab's instructor mutants: none may get full marks")
    p.add_argument('--lab', type=int, required=True)
    p.add_argument('--out', help='where the graded trees go (default build/mutants/labN)')
    p.add_argument('--jobs', type=int, default=2)
    p.add_argument('--fast', action='store_true',
                   help='only the unit tests, for the mutants not marked "killed_by": "system"')
    p.set_defaults(fn=cmd_mutants)
    p = sub.add_parser('validate')
    p.add_argument('--case', action='append', metavar='NAME',
                   help='only this hostile case (autograder/tests/hostile/NAME.json); '
                        'may be repeated; skips the labs\' own validation')
    p.set_defaults(fn=cmd_validate)
    a = parser.parse_args()
    try:
        return a.fn(a)
    except (markers.MarkerError, labs.LabError, mutants.MutantError) as e:
        log(f'labtool: error: {e}')
        return 2
