"""Samverkan: time, cost and collaboration between school and social services."""
