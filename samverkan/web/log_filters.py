"""What the server's log may hold: what happened and where in the code, never an error's text.

Django logs a failed request with its exception, and an exception's text can quote what the user
sent: a database driver repeats the value it could not convert, a parser the line it stopped at,
and so an identity number could reach the log. Every record therefore leaves here with the
exception's class and the place it was raised (file, line, function), but without its message
and without a traceback — which, besides the message, can show the values of a chained error.
A message can also quote a request itself (gunicorn logs a malformed request line, and every
address in its access log): any identity number in the message is taken out.

The same filter guards Django's log and gunicorn's error and access logs
(`samverkan.web.gunicorn_conf`).
"""

from __future__ import annotations

import logging
import traceback

from samverkan.formats.identity_numbers import redacted

__all__ = ["WithoutErrorText"]


class WithoutErrorText(logging.Filter):
    """Replace a record's exception with its class and the place it was raised."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, trace = record.exc_info
            where = ""
            if trace is not None:
                last = traceback.extract_tb(trace)[-1]
                where = f" at {last.filename}:{last.lineno} in {last.name}"
            # The message is formatted now, so that the record carries no arguments that
            # could be the exception itself.
            record.msg = f"{record.getMessage()} [{kind.__name__}{where}]"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        message = record.getMessage()
        clean = redacted(message)
        if clean != message:
            record.msg = clean
            record.args = None
        record.stack_info = None
        return True
