"""Live rooms and their messages: storage, ordering, replay, fan-out, safeguarding rules."""
