"""Reading and writing files: case files, the Excel template, results and event logs.

Every reader turns bad input into one `samverkan.errors.SamverkanError` that lists every problem
with its place; nothing here computes figures (that is `samverkan.model`).
"""
