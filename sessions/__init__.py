"""Scheduled talks, CFA Q&A rooms and quizzes ("sessions" of the fair, not HTTP sessions)."""
