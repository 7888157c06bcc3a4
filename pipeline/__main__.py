"""`python -m pipeline COMMAND`: the command line lives in pipeline.cli."""

from pipeline.cli import app, main

__all__ = ["app", "main"]

if __name__ == "__main__":
    main()
