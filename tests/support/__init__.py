"""Test kit for end-to-end tests: the real binaries, real HTTP, loopback only."""
