#!/usr/bin/env bash
# Executes the notebooks headless with the Deno kernel and writes the executed copies to
# out/notebooks/; the notebooks in notebooks/ stay as committed, without outputs. Fails on the first
# cell that throws. Usage: npm run notebooks [-- notebooks/01-quickstart.ipynb ...]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Python, where apt installs Jupyter: the python3 first on PATH may be another one.
PYTHON=/usr/bin/python3
DENO=node_modules/.bin/deno
# Where the executed copies go (the tests write theirs elsewhere).
OUT=${NOTEBOOKS_OUT:-out/notebooks}
# Longest a single cell may run, in seconds; every cell takes a few seconds at most.
CELL_TIMEOUT=300
# The kernel works offline: no check for a newer Deno.
export DENO_NO_UPDATE_CHECK=1

if ! "$PYTHON" -c 'import nbconvert, nbclient, jupyter_client' 2>/dev/null; then
  echo "notebooks: Jupyter is not installed for $PYTHON (nbconvert, nbclient, jupyter_client); .ci/setup-notebooks installs it" >&2
  exit 2
fi

# The Deno kernel, unless one is installed whose program still exists. `deno jupyter --install`
# writes it to the user's Jupyter folder (~/.local/share/jupyter/kernels/deno).
if ! "$PYTHON" - <<'PY' 2>/dev/null; then
import os, sys
from jupyter_client.kernelspec import KernelSpecManager
spec = KernelSpecManager().get_kernel_spec('deno')
sys.exit(0 if os.access(spec.argv[0], os.X_OK) else 1)
PY
  echo "notebooks: installing the Deno kernel"
  "$DENO" jupyter --install --force
fi

if [ "$#" -eq 0 ]; then set -- notebooks/*.ipynb; fi
mkdir -p "$OUT"
"$PYTHON" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=deno \
  --ExecutePreprocessor.timeout="$CELL_TIMEOUT" --output-dir "$OUT" "$@"
