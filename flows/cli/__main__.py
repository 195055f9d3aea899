"""`python -m flows.cli`: the `dateline` command without its console script."""

from flows.cli import main

if __name__ == "__main__":
    main()
