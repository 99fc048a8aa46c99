"""Cases stored as their case-file data, shared between organisations, with salary tables."""
