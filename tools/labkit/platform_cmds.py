"""labtool's commands for the course platforms beside Gradescope (README, Instructors):

  labtool grade-one --lab N --test NAME       grade one test (and what it needs); exit 0 on a pass
  labtool classroom --lab N --tree DIR        write DIR/.github/workflows/classroom.yml
  labtool prairielearn --lab N [--out DIR]    build what a PrairieLearn course needs
  labtool prairielearn-grade --lab N          the external grader's entry point (/grade)
  labtool validate-platforms                  their part of `labtool validate` alone
"""
import sys

from . import classroom, platforms_check, prairielearn, single, validate


def cmd_grade_one(root, a):
    return single.main(root, a.lab, a.test, a.out)


def cmd_classroom(root, a):
    print(classroom.write(root, a.lab, a.tree))
    return 0


def cmd_prairielearn(root, a):
    print(prairielearn.build(root, a.lab, a.out, a.earlier))
    return 0


def cmd_prairielearn_grade(root, a):
    return prairielearn.grade_entry(root, a.lab, a.earlier, a.grade_dir, a.limit)


def cmd_validate_platforms(root, a):
    failures = []
    platforms_check.run(root, lambda msg: print(msg, file=sys.stderr, flush=True), failures)
    print(f'{validate.check.passes} passed, {len(failures)} failed')
    return 1 if failures else 0


def add(sub, root):
    """Add the platform commands to labtool's sub-command parser."""
    def command(name, fn, help_text):
        p = sub.add_parser(name, help=help_text)
        p.add_argument('--lab', type=int, required=True)
        p.set_defaults(fn=lambda a: fn(root, a))
        return p

    sub.add_parser('validate-platforms', help='check the GitHub Classroom and PrairieLearn outputs'
                   ).set_defaults(fn=lambda a: cmd_validate_platforms(root, a))
    p = command('grade-one', cmd_grade_one, 'grade one test and what it needs: exit 0 on a pass')
    p.add_argument('--test', required=True)
    p.add_argument('--out', help='log directory (default build/grade/labN/one/TEST)')
    p = command('classroom', cmd_classroom, "write the lab's GitHub Classroom workflow")
    p.add_argument('--tree', default='build/starter', help='the template repository to write into')
    for name, fn in (('prairielearn', cmd_prairielearn),
                     ('prairielearn-grade', cmd_prairielearn_grade)):
        p = command(name, fn, prairielearn.__doc__.splitlines()[0])
        p.add_argument('--earlier', choices=('submission', 'reference'), default='submission',
                       help="whose code to use for labs before LAB (default: the student's)")
        if name == 'prairielearn':
            p.add_argument('--out', help='directory to write (default build/prairielearn/labN)')
        else:
            p.add_argument('--grade-dir', default='/grade',
                           help='the external grader\'s directory (student/ in, results/ out)')
            p.add_argument('--limit', type=int, default=prairielearn.LIMIT,
                           help='seconds for the whole grading (PrairieLearn stops at 600)')
