"""Custom actions for the supportive-rehearsal assistant (one module per capability)."""
