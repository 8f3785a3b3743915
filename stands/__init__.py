"""The fair's events, stands, job cards, offers and videos; the hall and stand pages."""
