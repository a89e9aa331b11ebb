"""The auditor's recognizer pack: thin Presidio recognizers over rules, lists and context."""
