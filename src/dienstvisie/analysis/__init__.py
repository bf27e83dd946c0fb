"""What many reports say together: the portfolio, baselines and the diff of two versions. Pure."""
