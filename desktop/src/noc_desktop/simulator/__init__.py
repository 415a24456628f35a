"""The procedure simulator: step through a flowchart for one host with chosen task outcomes,
judged by the scheduler's engine (``POST /procedures/simulate``). ``script`` and ``reading``
hold the logic, without Qt; ``panel.SimulatorPanel`` is the widget the editor docks."""
