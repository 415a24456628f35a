"""Translations: English in the source, Brazilian Portuguese shipped compiled (pt_BR.qm)."""
