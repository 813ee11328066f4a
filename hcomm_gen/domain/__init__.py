"""Compute step: figures derived from valid records (notice state, visit quota, deadlines)."""
