"""python -m communique.schema.build > src/communique/schema/record.schema.json"""

import json

from . import build_schema

print(json.dumps(build_schema(), ensure_ascii=False, indent=1))
