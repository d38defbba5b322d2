"""Lab markers in the reference source, and slicing a file into its starter version.

The parts students write are delimited in the reference like this:

    /* LAB 1 BEGIN: one-line hint shown to the student */
    ... the reference code ...
    /* LAB 1 STUB
    ... what the starter tree has instead (compiles; panics or returns an error) ...
    LAB 1 END */

In the reference the stub is inside a comment, so the reference compiles as is.
In a starter tree the region becomes the hint as a comment followed by the stub.
"""
import re
from dataclasses import dataclass

BEGIN = re.compile(r'^(\s*)/\* LAB (\d+) BEGIN(?::\s*(.*?))?\s*\*/\s*$')
STUB = re.compile(r'^\s*/\* LAB (\d+) STUB\s*$')
END = re.compile(r'^\s*LAB (\d+) END \*/\s*$')
ANY = re.compile(r'\bLAB \d+ (BEGIN|STUB|END)\b')


class MarkerError(Exception):
    """A malformed marker: the message names the file and line."""


@dataclass
class Region:
    lab: int
    hint: str
    indent: str
    begin: int          # line index of BEGIN
    stub: int           # line index of STUB
    end: int            # line index of END


def parse(path, lines, known_labs):
    """Return the regions of a file, checking that markers are balanced and known."""
    regions, cur = [], None
    for i, line in enumerate(lines):
        where = f'{path}:{i + 1}'
        m_begin, m_stub, m_end = BEGIN.match(line), STUB.match(line), END.match(line)
        if not (m_begin or m_stub or m_end):
            if ANY.search(line) and not line.lstrip().startswith(('#', '"', "'")):
                raise MarkerError(f'{where}: malformed lab marker: {line.strip()}')
            continue
        lab = int((m_begin or m_stub or m_end).group(2 if m_begin else 1))
        if lab not in known_labs:
            raise MarkerError(f'{where}: marker for unknown lab {lab} '
                              f'(labs are: {sorted(known_labs)})')
        if m_begin:
            if cur:
                raise MarkerError(f'{where}: LAB {lab} BEGIN inside LAB {cur.lab} '
                                  f'(opened at line {cur.begin + 1})')
            cur = Region(lab, m_begin.group(3) or '', m_begin.group(1), i, -1, -1)
        elif m_stub:
            if not cur or cur.lab != lab or cur.stub >= 0:
                raise MarkerError(f'{where}: LAB {lab} STUB without a matching BEGIN')
            cur.stub = i
        else:
            if not cur or cur.lab != lab or cur.stub < 0:
                raise MarkerError(f'{where}: LAB {lab} END without a matching BEGIN and STUB')
            cur.end = i
            body = lines[cur.stub + 1:i]
            if any('*/' in b for b in body):
                raise MarkerError(f'{where}: a stub must not contain "*/"')
            regions.append(cur)
            cur = None
    if cur:
        raise MarkerError(f'{path}:{cur.begin + 1}: LAB {cur.lab} BEGIN is never closed')
    return regions


def slice_lines(path, lines, known_labs, filled):
    """Return the file's starter version: regions of labs in `filled` keep the
    reference (markers included); the others become hint + stub."""
    out, pos = [], 0
    for r in parse(path, lines, known_labs):
        out.extend(lines[pos:r.begin])
        if r.lab in filled:
            out.extend(lines[r.begin:r.end + 1])
        else:
            hint = f' {r.hint}' if r.hint else ''
            out.append(f'{r.indent}/* LAB {r.lab}:{hint} */\n')
            out.extend(lines[r.stub + 1:r.end])
        pos = r.end + 1
    out.extend(lines[pos:])
    return out
