"""What people read: labels and number formats, charts, the timeline, HTML/PDF/Excel reports."""
