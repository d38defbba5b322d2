"""labkit - the lab machinery of the microvisor kit: markers, starter trees, grading."""
