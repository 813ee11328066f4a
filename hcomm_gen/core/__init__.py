"""Bottom layer: problems and positions, the rule registry, the errors and exit codes; imports nothing of hcomm_gen."""
