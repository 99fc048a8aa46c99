"""gunicorn's settings for `samverkan serve`: its own logs pass the same filter as Django's.

gunicorn writes a worker's failure with its traceback, a malformed request with the line it
could not read, and every request's address to its access log, through loggers of its own that
Django's settings never reach. Here both get the filter of `samverkan.web.log_filters`: an
error's class and place but never its text, and no identity number in any line.
"""

from __future__ import annotations

from typing import Any

_FILTERS = ["without_error_text"]

logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_error_text": {"()": "samverkan.web.log_filters.WithoutErrorText"}},
    "formatters": {
        "generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
                    "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
                    "class": "logging.Formatter"},
        "access": {"format": "%(message)s", "class": "logging.Formatter"},
    },
    "handlers": {
        "error_console": {"class": "logging.StreamHandler", "formatter": "generic",
                          "filters": _FILTERS, "stream": "ext://sys.stderr"},
        "access_console": {"class": "logging.StreamHandler", "formatter": "access",
                           "filters": _FILTERS, "stream": "ext://sys.stdout"},
    },
    "root": {"level": "INFO", "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False,
                           "qualname": "gunicorn.error"},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_console"],
                            "propagate": False, "qualname": "gunicorn.access"},
    },
}
