"""The commands of build.py: build and serve, check, lint, new."""
