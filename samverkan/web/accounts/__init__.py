"""Organisations and their members with a role each."""
