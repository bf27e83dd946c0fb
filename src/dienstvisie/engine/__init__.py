"""The core: run the selected checks on one service, isolated and time-limited, and score it. No I/O."""
