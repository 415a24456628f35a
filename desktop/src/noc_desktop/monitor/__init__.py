"""The live monitor: executions list and the execution view, fed by the event stream."""
