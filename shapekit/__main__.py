"""``python -m shapekit`` runs the command-line interface."""

from shapekit_cli.main import main

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess test
    main(prog_name="shapekit")
