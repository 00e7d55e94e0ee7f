"""`make bench`: timed comparisons against peers (see README.md here)."""
