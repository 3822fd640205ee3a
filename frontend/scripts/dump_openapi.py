"""Print the app's OpenAPI document (the input of the explorer's generated API client).

    python frontend/scripts/dump_openapi.py > frontend/openapi.json

No store is opened: the document is built from the routes alone.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.main import create_app


def main() -> None:
    document = create_app().openapi()
    sys.stdout.write(json.dumps(document, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
