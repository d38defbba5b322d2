"""Grading reports: the terminal table, Gradescope's results.json, JUnit XML and TAP."""
import json
import os
import xml.etree.ElementTree as ET


def notes_text(res):
    """The notes about the submission (a file not taken, and why), one per line."""
    return ''.join(f'note: {n}\n' for n in res.notes)


def shared_reason(res):
    """The reason every test failed for, if there is one (a build error, a submission
    that could not be set up): said once rather than under every test."""
    if res.build_error and all(t.reason == res.build_error for t in res.tests):
        return res.build_error
    return ''


def table(res):
    """The human report. Its last line is exactly `Score: X/Y`."""
    width = max([len(t.name) for t in res.tests] + [4])
    shared = shared_reason(res)
    out = [f'note: {n}' for n in res.notes] + [f'Lab {res.lab}: {res.title}', '',
                                                f'  {"test":<{width}}  points  result']
    for t in res.tests:
        out.append(f'  {t.name:<{width}}  {t.points:>2}/{t.max_points:<3}  {t.status.upper() if t.status != "passed" else "pass"}')
        for line in ([] if shared else t.reason.splitlines()):
            out.append(f'  {"":<{width}}          | {line}')
    if shared:
        out += ['', 'Every test failed for this reason:'] + [f'  | {line}' for line in shared.splitlines()]
    logs = f'; logs in {res.log_dir}/' if res.log_dir else ''
    out += ['', f'(graded in {res.seconds:.0f} s{logs})', f'Score: {res.score}/{res.max_score}']
    return '\n'.join(out)


def gradescope(res, visibility='visible'):
    """Gradescope's results.json as a dict."""
    return {
        'score': res.score,
        'execution_time': round(res.seconds),
        'output': notes_text(res) + f'Lab {res.lab}: {res.score}/{res.max_score}' + (
            f'\nEvery test failed for this reason:\n{shared_reason(res)}' if shared_reason(res) else ''),
        'visibility': visibility,
        'stdout_visibility': 'hidden',
        'tests': [{'name': t.name, 'number': str(i + 1), 'score': t.points,
                   'max_score': t.max_points,
                   'status': 'passed' if t.status == 'passed' else 'failed',
                   'output': t.reason or 'passed', 'visibility': visibility}
                  for i, t in enumerate(res.tests)],
    }


def junit(res):
    """JUnit XML as a string."""
    failures = sum(t.status == 'failed' for t in res.tests)
    skipped = sum(t.status == 'skipped' for t in res.tests)
    suite = ET.Element('testsuite', name=f'lab{res.lab}', tests=str(len(res.tests)),
                       failures=str(failures), skipped=str(skipped), time=f'{res.seconds:.1f}')
    for t in res.tests:
        case = ET.SubElement(suite, 'testcase', name=t.name, classname=f'lab{res.lab}')
        if t.status == 'failed':
            ET.SubElement(case, 'failure', message=t.reason.splitlines()[0] if t.reason else '').text = t.reason
        elif t.status == 'skipped':
            ET.SubElement(case, 'skipped', message=t.reason).text = t.reason
        ET.SubElement(case, 'system-out').text = f'{t.points}/{t.max_points} points'
    if res.notes:
        ET.SubElement(suite, 'system-out').text = notes_text(res)
    return ET.tostring(suite, encoding='unicode')


def tap(res):
    """TAP version 13 as a string (reasons as YAML-free comments, one line each; a
    skipped test's reason is its SKIP directive's)."""
    out = ['TAP version 13', f'1..{len(res.tests)}'] + [f'# note: {n}' for n in res.notes]
    for i, t in enumerate(res.tests, 1):
        ok = 'ok' if t.status == 'passed' else 'not ok'
        line = f'{ok} {i} - {t.name} ({t.points}/{t.max_points})'
        if t.status == 'skipped':
            out.append(f'{line} # SKIP {t.reason}')
            continue
        out.append(line)
        out += [f'# {line}' for line in t.reason.splitlines()]
    return '\n'.join(out) + '\n'


def write_all(res, out_dir, gradescope_path=None):
    """Write results.json, junit.xml, results.tap and report.txt into out_dir."""
    os.makedirs(out_dir, exist_ok=True)
    files = {'report.txt': table(res) + '\n', 'junit.xml': junit(res), 'results.tap': tap(res),
             'results.json': json.dumps(gradescope(res), indent=2) + '\n'}
    for name, text in files.items():
        with open(os.path.join(out_dir, name), 'w') as f:
            f.write(text)
    if gradescope_path:
        with open(gradescope_path, 'w') as f:
            f.write(files['results.json'])
