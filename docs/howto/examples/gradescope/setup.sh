#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image.
set -euo pipefail
apt-get install -y python3-pip
python3 -m pip install shapekit
