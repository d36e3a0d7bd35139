"""The built-in extraction components. Importing this package registers them.

Modules here never import rdflib: they read `PolicyDoc` sentences, consult the `Lexicon`
(plain Python objects) and append facts from `policygraph.model`.
"""

from .. import segment  # noqa: F401
from . import (  # noqa: F401
    cookies,
    mentions,
    metadata,
    notices,
    organisations,
    practices,
    retention,
)
