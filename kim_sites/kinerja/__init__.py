"""Kinerja KIM: the pembina's report of each KIM's activity, its views and the weekly digest."""
