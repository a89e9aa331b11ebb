"""The daemon: APScheduler wiring (scheduler), lock, signals, jobs and the scan queue."""
