"""Helpers shared by the test suite: test doubles that other test modules import."""
