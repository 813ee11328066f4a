"""Use cases over the library (check, build, print, status, visits, survey import): what the CLI calls; atomic output folders."""
