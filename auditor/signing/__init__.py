"""Ed25519 keys, DSSE envelopes and the hash-chained ledger."""
