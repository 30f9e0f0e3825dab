import sys
from pathlib import Path

# The bench's parts (scripts/benchlib) are imported the way scripts/bench.py finds them: from scripts/.
SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
