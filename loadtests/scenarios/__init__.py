"""Helpers of the load test: pure bookkeeping (delivery, arrivals, SLOs, local deployment) and the
locust users' Socket.IO plumbing (`salon_user`, the only module here that imports locust)."""
