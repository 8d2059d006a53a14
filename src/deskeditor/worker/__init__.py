"""Analysis and preview rendering in worker processes (no Qt here).

The window keeps its GUI thread for the window: parsing, rendering, the SEO,
readability and citation analysis and the grammar client run in long-lived
child processes, one per *lane* (``preview`` and ``lint``), so a long lint
never delays the preview and a lint worker killed never touches the preview.

* ``lane.Lane`` is the parent's side: ``submit(token, kind, payload, text)``
  sends a job at once (the child keeps only the newest one waiting), the text
  as an edit (``splice``) against the child's copy when it has one; a reader
  thread hands every answer to a callback. A job still running after its
  hard budget, or a child that dies (a segfault, a kill, ``os._exit``), ends
  in one "gave up" answer naming the step and its lines, and the next job
  runs in a fresh child.
* ``child`` is the child's main loop: a reader thread takes the jobs in (the
  newest replaces the one waiting and makes the running one stale); jobs run
  on the main thread, where ``core.lint.budget`` keeps their budgets with the
  interval timer.
* ``preview`` and ``lint`` are what the lanes run: the preview's blocks
  (``BlockRenderer``), and ``LintRunner`` with the grammar client of
  ``grammar`` (the LanguageTool server itself stays with the window).
* ``tasks`` runs one export or WordPress publication for the Export and
  Publish dialogs, the publication gate's lint included, in a child of its
  own that ends with the task.

The children are started with ``subprocess`` (``python -m
deskeditor.worker.child``), a fresh interpreter: they never inherit Qt, the
parent's threads or its open files, and nothing of the parent's ``__main__``
is imported into them.
"""
