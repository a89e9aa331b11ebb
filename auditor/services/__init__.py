"""Service functions: one code path per job, called by the CLI, the daemon and the API."""
