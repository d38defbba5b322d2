"""Making untrusted text (serial output, compiler messages) safe for reports."""
import re

_CONTROL = re.compile(r'[\x00-\x08\x0b-\x1f\x7f]')
MAX_MESSAGE = 2000


def clean(text, limit=MAX_MESSAGE):
    """Replace control characters and cap the length."""
    text = _CONTROL.sub('?', text)
    return text if len(text) <= limit else text[:limit] + ' [...]'


def tail(text, lines):
    """The last `lines` lines of text, cleaned."""
    return clean('\n'.join(text.splitlines()[-lines:]))
