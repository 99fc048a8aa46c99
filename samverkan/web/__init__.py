"""The web application: organisations, users, the case editor, results, timeline, comparison.

It holds no arithmetic of its own: every figure comes from `samverkan.model`, every file from
`samverkan.formats`, every chart and label from `samverkan.reports`.
"""
