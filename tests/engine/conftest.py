"""The corpus holds submissions to analyse and to run in a subprocess, never to import."""

collect_ignore_glob = ["corpus/*", "_oracle.py"]
