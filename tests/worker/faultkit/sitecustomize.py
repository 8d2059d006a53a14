"""Faults the real engines will not produce, for the worker tests.

On ``PYTHONPATH`` (the worker processes inherit it), this wraps the SEO and
readability analysis so that a draft containing ``FAULT-HERE`` provokes the
fault named by ``DESKEDITOR_FAULT``: ``hang`` (the process stops itself, as a
long call into C that no timer interrupts), ``segv``, ``exit`` (os._exit),
``recurse`` (a real RecursionError) or ``slow`` (three seconds of Python);
``hang-parse`` hangs the parse of the range of a large draft that holds it.
``DESKEDITOR_FAULT_BUDGET`` sets the runner's budget. Without the variables
nothing is touched.
"""

import os

MARKER = "FAULT-HERE"

if os.environ.get("DESKEDITOR_FAULT") or os.environ.get("DESKEDITOR_FAULT_BUDGET"):
    import signal
    import time

    from deskeditor.core.lint import analysis, runner

    if os.environ.get("DESKEDITOR_FAULT_BUDGET"):
        runner.BUDGET_S = float(os.environ["DESKEDITOR_FAULT_BUDGET"])
    fault = os.environ.get("DESKEDITOR_FAULT", "")
    plain = analysis.analyze

    def down(n):
        return down(n + 1) + 1

    def analyze(source, *args, **kwargs):
        if MARKER in source:
            if fault in ("hang", "hang-parse"):
                os.kill(os.getpid(), signal.SIGSTOP)
            elif fault == "segv":
                os.kill(os.getpid(), signal.SIGSEGV)
            elif fault == "exit":
                os._exit(3)
            elif fault == "recurse":
                down(0)
            elif fault == "slow":
                end = time.monotonic() + 3
                while time.monotonic() < end:
                    sum(range(1000))
        return plain(source, *args, **kwargs)

    analysis.analyze = analyze
    plain_parse = runner._parse

    def parse(source):
        if fault == "hang-parse" and MARKER in source:
            os.kill(os.getpid(), signal.SIGSTOP)
        return plain_parse(source)

    runner._parse = parse
