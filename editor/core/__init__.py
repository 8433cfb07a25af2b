"""The Qt-free core: model, reading, parsing, normalisation (and later store, export)."""
