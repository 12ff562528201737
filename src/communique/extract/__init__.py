"""Turning a Document into a Record, one small step per module; `pipeline` composes them.

The package itself is callable, so the public API reads `communique.extract(text, published=None,
url=None, language=None) -> Record` while the steps stay importable as submodules.
"""

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, text, published=None, url=None, language=None, id=None):
        from .pipeline import extract as _extract

        return _extract(text, published=published, url=url, language=language, id=id)


sys.modules[__name__].__class__ = _CallableModule
