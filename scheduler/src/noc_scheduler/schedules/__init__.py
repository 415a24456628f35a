"""Schedules as stored: validate and record them, a run for now starting at once (``records``),
the operator's pause, resume, preview and delete (``admin``), a stored schedule's timing
(``times``), planning due fire times (``firing``), starting pending fires (``fire_start``), the
thread that does both (``fire_loop``) and when an unsaved run request would fire
(``run_preview``).

The calendar arithmetic itself (cron, zones, DST, missed-run policies) is the pure
``noc_scheduler.timing``; running what fires is ``noc_scheduler.runs``.
"""
