"""Rehearsal: the assistant plays the loved one, codes what the user says, and gives feedback."""
