"""GridApp sync: the wire protocol, the laptop sync engine and credentials; `sync.server` is the county server."""
