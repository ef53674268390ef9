"""The demo review, built from data/demo_review.toml as a snapshot the store restores."""
